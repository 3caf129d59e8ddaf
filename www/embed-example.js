// The example portal's own script: it uses both embedding APIs of dist/jixiao.js.
import { mount } from './jixiao.js';
import { sampleSheet } from './example-sheet.js';

const element = document.getElementById('calculator');
const log = document.getElementById('change-log');

/**
 * What a portal stores of an evaluation, as the calculator shows it: no total before anything
 * is scored (a blank table's 0.00 is none), and the grade as a verdict only once it is final
 * (`final_grade`: every indicator scored, no errors); until then the grade so far, 暂定.
 */
function verdict(evaluation) {
  const total = evaluation.scored ? evaluation.total : null;
  const grade = evaluation.final_grade ?? (total != null && evaluation.grade ? `${evaluation.grade}（暂定）` : null);
  return { total, grade };
}

let changes = 0;
element.addEventListener('jixiao-change', (event) => {
  changes += 1;
  const { total, grade } = verdict(event.detail.evaluation);
  log.textContent = `收到第 ${changes} 次变更事件：总分 ${total ?? '—'}，等级 ${grade ?? '—'}`;
  log.dataset.total = total ?? '';
  log.dataset.changes = String(changes);
});

document.getElementById('load-sample').addEventListener('click', () => {
  element.sheet = sampleSheet;
});

document.getElementById('read-back').addEventListener('click', () => {
  const out = document.getElementById('read-out');
  out.hidden = false;
  out.textContent = JSON.stringify({ sheet: element.sheet, ...verdict(element.evaluation) }, null, 2);
});

const mountedLog = document.getElementById('mounted-log');
const controller = mount(document.getElementById('mounted'), {
  template: 'project',
  onChange: (detail) => {
    const { total, grade } = verdict(detail.evaluation);
    mountedLog.textContent = `mount() 变更：总分 ${total ?? '—'}，等级 ${grade ?? '—'}`;
  },
});
controller.ready.then(() => document.body.setAttribute('data-ready', 'true'));
