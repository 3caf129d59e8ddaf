// The example portal's script for the iframe mode: the calculator's page (embed.html) is
// framed, by default from next to this page, or from the address in ?frame= (another origin).
// It names this page's origin as the one allowed to talk to it, and speaks the message set
// of docs/EMBED.md.
import { sampleSheet } from './example-sheet.js';

const frameUrl = new URL(new URLSearchParams(location.search).get('frame') || './embed.html', location.href);
frameUrl.searchParams.append('origin', location.origin);
frameUrl.searchParams.set('template', 'project');
const calculatorOrigin = frameUrl.origin;

const frame = document.getElementById('calculator');
const status = document.getElementById('status');
const error = document.getElementById('error');
const readOut = document.getElementById('read-out');

/** The total and grade a `change` or `loaded` message gives, as the calculator's bar shows
 * them: — before anything is scored (a blank table's 0.00 is no total), the grade once final,
 * else marked 暂定. */
function verdict({ total, scored, grade, final_grade }) {
  return `${scored ? total : '—'}，等级 ${final_grade ?? (scored && grade ? `${grade}（暂定）` : '—')}`;
}

/** Requests waiting for their answer, by id. */
const waiting = new Map();
let nextId = 1;

/** Sends a request and resolves to its answer (rejects with an `error` message). */
function ask(type, fields = {}) {
  const id = nextId++;
  frame.contentWindow.postMessage({ jixiao: 1, type, id, ...fields }, calculatorOrigin);
  return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
}

window.addEventListener('message', (event) => {
  // Only the calculator's frame, from the origin it was loaded from.
  if (event.origin !== calculatorOrigin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || message.jixiao !== 1) return;
  const request = waiting.get(message.id);
  if (request) {
    waiting.delete(message.id);
    if (message.type === 'error') request.reject(message);
    else request.resolve(message);
    return;
  }
  switch (message.type) {
    case 'ready':
      status.textContent = '计算器已加载';
      document.body.dataset.ready = 'true';
      break;
    case 'change':
      // A portal would save message.sheet here.
      status.textContent = `评分表已修改：总分 ${verdict(message)}`;
      status.dataset.total = (message.scored && message.total) || '';
      break;
    case 'height':
      frame.style.height = `${message.height}px`;
      break;
    case 'error':
      error.textContent = message.message;
      break;
    default:
  }
});

frame.src = frameUrl.href;

const show = (value) => {
  readOut.hidden = false;
  readOut.textContent = JSON.stringify(value, null, 2);
};
const failed = (message) => {
  error.textContent = message.message;
};

document.getElementById('load-sample').addEventListener('click', () => {
  ask('load', { sheet: sampleSheet }).then((answer) => {
    status.textContent = `已载入：总分 ${verdict(answer)}`;
  }, failed);
});
document.getElementById('get-sheet').addEventListener('click', () => ask('get-sheet').then((answer) => show(answer.sheet), failed));
document.getElementById('get-evaluation').addEventListener('click', () => ask('get-evaluation').then((answer) => show({ total: answer.evaluation.total, grade: answer.evaluation.grade }), failed));
