// embed.html: the calculator alone in a page a portal shows in an <iframe>, for portals that
// may not run our script in their own page (a strict policy, another origin). It talks to its
// host only through postMessage, in the message set of docs/EMBED.md, and only with the
// origins the host names in the frame's address:
//
//   <iframe src="https://calc.example/jixiao/embed.html?origin=https://portal.example&template=project">
//
// Every message either way is an object { jixiao: 1, type, … }. A message from an origin not
// named, or from a window other than the parent, is dropped unanswered: answering would tell
// a stranger the frame is there.
import { mount } from './app.js';
import { openTwin, refusedByPolicy } from './policy.js';
import { allowedOrigins } from './origins.js';

/** The message set's version; a host asking for another one is told which this frame speaks. */
const VERSION = 1;
/** The requests of this version. */
const TYPES = ['hello', 'load', 'get-sheet', 'get-evaluation', 'print'];

/** A value a host sent, as a message in Chinese names it after 收到的是 (text quoted and
 * shortened; a number, null or undefined as written in a script). */
function described(value) {
  if (typeof value === 'string') return `文字“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;
  if (value == null || typeof value === 'number' || typeof value === 'boolean') return ` ${String(value)}`;
  return Array.isArray(value) ? '一个数组' : `一个${typeof value === 'object' ? '对象' : '值'}`;
}

const params = new URLSearchParams(location.search);
const { allowed, refused } = allowedOrigins(params.getAll('origin'), location.origin);
const banner = document.getElementById('embed-error');
if (refused.length) {
  banner.hidden = false;
  banner.textContent = `嵌入地址中的 origin 参数 ${refused.map((o) => `“${o}”`).join('、')} 不是一个来源，已忽略。来源应写成 https://portal.example.gov.cn 这样（协议、域名和端口，不带路径，不能是 *）。`;
}

/** Where messages to the host go: the parent's origin when the browser says it
 * (location.ancestorOrigins) and it is allowed, else each allowed origin (the browser
 * delivers only to the one that is the parent's; newer browsers may say "null" here, e.g.
 * for a frame with referrerpolicy="no-referrer"). */
const parentOrigin = location.ancestorOrigins?.[0];
const targets = parentOrigin && allowed.includes(parentOrigin) ? [parentOrigin] : allowed;
if (window.parent !== window && /^https?:\/\//.test(parentOrigin ?? '') && !allowed.includes(parentOrigin)) {
  console.warn(`jixiao：嵌入本页的网站 ${parentOrigin} 不在地址的 origin 参数中，计算器不会与它交换消息`);
}

function post(message, origin) {
  if (window.parent === window) return;
  for (const target of origin ? [origin] : targets) window.parent.postMessage({ jixiao: VERSION, ...message }, target);
}

document.body.style.margin = '0';
const host = document.getElementById('app');
const app = mount(host, {
  template: params.get('template') || undefined,
  compact: params.has('compact'),
  onChange: (detail) => {
    // `scored`: 0 while nothing is scored, when the total 0.00 is no total (the bar shows —).
    const { total, scored, grade, final_grade, complete, errors, warnings } = detail.totals;
    post({ type: 'change', sheet: detail.sheet, total, scored, grade, final_grade, complete, errors, warnings });
  },
});

app.ready.then(
  () => {
    host.setAttribute('data-ready', 'true');
    post({ type: 'ready', versions: [VERSION] });
  },
  (error) => {
    if (openTwin(error, 'embed-compat.html')) return;
    host.setAttribute('data-ready', 'failed');
    post({ type: 'error', code: 'engine', message: String(error?.message ?? error) });
  },
);

// The height of the content, for a host that sizes the frame to it (no scroll bar of its own).
let height = 0;
new ResizeObserver(() => {
  const now = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (now === height) return;
  height = now;
  post({ type: 'height', height });
}).observe(document.documentElement);

window.addEventListener('message', (event) => {
  const message = event.data;
  // Not ours (another script of the host's may post too): not answered.
  if (!message || typeof message !== 'object' || !('jixiao' in message)) return;
  if (event.source !== window.parent || window.parent === window || !allowed.includes(event.origin)) {
    // Said here, in the frame's own console, for the portal's developers; never to the sender.
    console.warn(`jixiao：已忽略来自 ${event.origin} 的消息（${event.source === window.parent ? '嵌入地址的 origin 参数中没有这个来源' : '不是来自嵌入本页的页面'}）`);
    return;
  }
  const reply = (answer) => post({ id: message.id, ...answer }, event.origin);
  if (message.jixiao !== VERSION) {
    // Another version, or this one not as the number it is ('1', as a query string gives it).
    const said = typeof message.jixiao === 'number'
      ? `本计算器的消息版本是 ${VERSION}，收到的是版本 ${message.jixiao}`
      : `消息的 jixiao 应是数字 ${VERSION}（本计算器的消息版本），收到的是${described(message.jixiao)}`;
    reply({ type: 'error', code: 'version', message: said, versions: [VERSION] });
    return;
  }
  app.ready.then(() => answer(message, reply), (error) => {
    // Refused by this page's policy: its twin opens and answers instead (it says `ready`).
    if (!refusedByPolicy(error)) reply({ type: 'error', code: 'engine', message: String(error?.message ?? error) });
  });
});

/** Does what a host's message asks; every request is answered, by its `id`. */
function answer(message, reply) {
  if (typeof message.type !== 'string' || !message.type) {
    const wrong = message.type === undefined ? '缺少 type（消息类型）'
      : message.type === '' ? '的 type 是空的' : `的 type 应是文字，收到的是${described(message.type)}`;
    return reply({ type: 'error', code: 'bad-message', message: `消息${wrong}；应为 ${TYPES.join('、')} 之一` });
  }
  try {
    switch (message.type) {
      case 'hello':
        return reply({ type: 'ready', versions: [VERSION] });
      case 'load': {
        // One of the two: a sheet with a template beside it would open the sheet, the template
        // unsaid; a template not written as text is no id.
        const bad = message.sheet != null && message.template != null
          ? 'load 消息只能有 sheet 或 template 之一：打开评分表用 sheet，打开空白模板用 template'
          : message.template != null && typeof message.template !== 'string'
            ? `load 消息的 template 应是模板编号（文字，如 'project'），收到的是${described(message.template)}`
            : message.sheet == null && message.template == null
              ? 'load 消息需要 sheet（评分表对象或 JSON 文本）或 template（模板编号）'
              : null;
        if (bad) return reply({ type: 'error', code: 'bad-message', message: bad });
        if (message.sheet != null) app.setSheet(message.sheet);
        else app.loadTemplate(message.template);
        const { total, scored, grade, final_grade } = app.report();
        return reply({ type: 'loaded', total, scored, grade, final_grade });
      }
      case 'get-sheet':
        return reply({ type: 'sheet', sheet: app.getSheet() });
      case 'get-evaluation':
        return reply({ type: 'evaluation', evaluation: app.report() });
      case 'print':
        // The form printed from the frame, every page of it: a print the portal starts of its
        // own page holds the frame's box as it stands on screen, cut at its height.
        window.print();
        return reply({ type: 'printed' });
      default:
        return reply({ type: 'error', code: 'unknown-type', message: `不认识的消息类型：${described(message.type)}；本版本的消息类型有 ${TYPES.join('、')}` });
    }
  } catch (error) {
    // A sheet that cannot be read leaves the one on screen as it was.
    return reply({ type: 'error', code: message.type === 'load' ? 'load-failed' : 'failed', message: String(error?.message ?? error) });
  }
}
