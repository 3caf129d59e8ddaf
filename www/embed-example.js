// The example portal's own script: it uses both embedding APIs of dist/jixiao.js.
import { mount } from './jixiao.js';
import { sampleSheet } from './example-sheet.js';

const element = document.getElementById('calculator');
const log = document.getElementById('change-log');
let changes = 0;
element.addEventListener('jixiao-change', (event) => {
  changes += 1;
  const { total, grade } = event.detail.evaluation;
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
  out.textContent = JSON.stringify({ sheet: element.sheet, total: element.evaluation?.total }, null, 2);
});

const mountedLog = document.getElementById('mounted-log');
const controller = mount(document.getElementById('mounted'), {
  template: 'project',
  onChange: (detail) => {
    mountedLog.textContent = `mount() 变更：总分 ${detail.evaluation.total ?? '—'}`;
  },
});
controller.ready.then(() => document.body.setAttribute('data-ready', 'true'));
