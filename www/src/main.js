// The hosted page and the offline single file: the calculator on the whole page, with named
// sheets saved in this browser.
import { mount } from './app.js';

document.body.style.margin = '0';
const host = document.getElementById('app');
const app = mount(host, { autosave: true, layout: 'page' });
app.ready.then(
  () => {
    performance.mark('jixiao-ready');
    host.setAttribute('data-ready', 'true');
  },
  () => host.setAttribute('data-ready', 'failed'),
);
