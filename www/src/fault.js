// When the core traps (a panic in Rust aborts the wasm instance): the page stops, says so in a
// banner, and keeps the edits made since the last save in storage; after the reload they are
// replayed onto the saved table, all but the edit that tripped the fault.
import { h } from './dom.js';
import { replay } from './guard.js';

/**
 * The core trapped in `failed` ([method, args]): no call reaches it again. `journal` (the edits
 * since the last save) goes to `store` for the next load, keyed by `at` ({ workbookId,
 * sheetId }); everything in `root` is made inert under a banner that says what happened.
 */
export function stopAfterFault(root, { error, failed: [method, args], store, at, journal }) {
  console.error('jixiao: 计算引擎内部错误', method, args, error);
  const kept = store && at.sheetId
    ? store.saveRecovery({ workbookId: at.workbookId, sheetId: at.sheetId, edits: journal.slice() }) === null
    : false;
  const message = store
    ? kept
      ? '计算引擎发生了内部错误（程序缺陷），为避免算错，已停止计算。您的数据没有丢失：出错前的修改都已保存在本浏览器中。请点“重新加载”继续；引起错误的那一次修改不会被应用，请届时核对。'
      : '计算引擎发生了内部错误（程序缺陷），为避免算错，已停止计算。浏览器存储已满，最近几秒的修改未能保存；此前自动保存的数据仍在。请点“重新加载”继续。'
    : '计算引擎发生了内部错误（程序缺陷），为避免算错，已停止计算。出错前的每次修改都已通过 jixiao-change 事件交给宿主页面；请重新加载页面。';
  const banner = h('div', { class: 'jx-fault', role: 'alert' },
    h('strong', {}, '计算已停止'), h('span', {}, message),
    h('button', { type: 'button', onclick: () => window.location.reload() }, '重新加载'));
  for (const child of root.children) child.inert = true;
  root.prepend(banner);
  banner.querySelector('button').focus();
}

/**
 * After a fault: the edits `store` kept for the table open `at` ({ workbookId, sheetId }),
 * replayed onto `table`'s calculator (a whole sheet restored by undo, `replace`, is opened
 * first), then `save()`d, and `notice` says so.
 */
export function recover(store, at, table, notice, save) {
  const recovery = at.workbookId && at.sheetId ? store?.takeRecovery(at.workbookId, at.sheetId) : null;
  if (!recovery || recovery.workbookId !== at.workbookId || recovery.sheetId !== at.sheetId) return;
  let edits = Array.isArray(recovery.edits) ? recovery.edits : [];
  let replaced = edits.length - 1;
  while (replaced >= 0 && edits[replaced][0] !== 'replace') replaced--;
  if (replaced >= 0) {
    const next = notice.attempt(() => table.engine.Calculator.fromJson(edits[replaced][1][0]));
    if (next) {
      table.calc.free();
      table.calc = next;
    }
    edits = edits.slice(replaced + 1);
  }
  const applied = replay(table.calc, edits);
  save();
  notice.show(`上次计算引擎出错，已恢复出错前尚未保存的 ${applied} 项修改。引起错误的那一次修改没有应用，请核对后重新输入。`, 'error');
}
