// The hosted page and the offline single file: the calculator on the whole page, with named
// sheets saved in this browser.
import { mount } from './app.js';
import { openTwin } from './policy.js';

document.body.style.margin = '0';
const host = document.getElementById('app');
// The module index.html started compiling while this script loaded (none in the offline file).
const app = mount(host, { autosave: true, layout: 'page', wasm: window.jixiaoWasm });
app.ready.then(
  () => {
    performance.mark('jixiao-ready');
    host.setAttribute('data-ready', 'true');
  },
  (error) => {
    // An older browser's policy refused the engine: the page that allows it, unless this is
    // the offline file (one file, no twin), which says so in its notice.
    if (!document.getElementById('jixiao-wasm') && openTwin(error, 'index-compat.html')) return;
    host.setAttribute('data-ready', 'failed');
    // A failure the calculator did not show itself (it is drawn only once started): said here,
    // in place of the loading text, rather than that text left for good.
    if (!host.shadowRoot?.childElementCount) {
      console.error('jixiao:', error);
      host.textContent = `计算器未能启动（${error?.message ?? error}）。本浏览器中保存的表格没有改动。请刷新页面再试；仍不行，请告知网站管理员。`;
    }
  },
);
