// The column-mapping step of a spreadsheet import: which worksheet, which row holds the
// headers, whether the table is an indicator table or a 汇总表, and what each column holds.
// The core guesses all of it; the user sees the headers with a few rows under them and
// corrects what is wrong before anything is imported.
import { h, fill, keepFocus } from './dom.js';
import { openDialog } from './dialog.js';

const KINDS = [['indicators', '指标评分表（一级 / 二级 / 三级指标）'], ['summary', '项目汇总表（每行一个项目）']];

/**
 * Opens the mapping step. `preview` is the core's first guess, `roles` the roles it offers;
 * `reguess(choices)` asks the core again after the user fixed a header row or kind;
 * `submit(mapping)` imports (throwing with a message keeps the dialog open to show it).
 */
export function mappingDialog(root, { fileName, preview, roles, reguess, submit, title, hint, action = '导入' }) {
  let current = preview;
  let table = Math.max(0, current.tables.findIndex((t) => t.mapping));
  const choices = current.tables.map(() => ({}));
  const message = h('p', { class: 'jx-dialog-error', role: 'alert', hidden: true });
  // The last role moved off a column (each role is read from one column only): said, and
  // that column marked, until the next choice.
  let moved = null;
  const body = h('div', { class: 'jx-mapping' });

  const draw = () => {
    const t = current.tables[table];
    const mapping = t.mapping ?? { table, header_row: choices[table].header_row ?? 0, kind: choices[table].kind ?? 'indicators', roles: t.headers.map(() => null) };
    t.mapping = mapping;
    const kindRoles = roles.filter((r) => r.kind === mapping.kind);
    const width = Math.max(mapping.roles.length, t.headers.length, ...t.sample.map((r) => r.length));
    while (mapping.roles.length < width) mapping.roles.push(null);
    const again = (change) => {
      moved = null;
      Object.assign(choices[table], change);
      try {
        current = reguess(choices);
      } catch (error) {
        return show(error);
      }
      draw();
    };
    const tableSelect = current.tables.length > 1
      ? h('label', {}, '工作表',
        h('select', { 'aria-label': '工作表', onchange: (e) => { table = Number(e.target.value); moved = null; draw(); } },
          current.tables.map((x, k) => h('option', { value: k, selected: k === table }, `${x.name}（${x.rows} 行）`))))
      : null;
    const headerRow = h('input', { type: 'number', min: 1, max: Math.max(1, t.rows), value: mapping.header_row + 1, 'aria-label': '表头所在行',
      onchange: (e) => again({ header_row: Math.max(0, Number(e.target.value) - 1) }) });
    const kind = h('select', { 'aria-label': '表格类型', onchange: (e) => again({ kind: e.target.value }) },
      KINDS.map(([value, label]) => h('option', { value, selected: mapping.kind === value }, label)));
    // Only the columns with a header, a figure or a role: one stray cell far to the right (in
    // column XFD) gave the sheet 16,384 columns, whose empty ones are not imported anyway.
    const shown = [];
    for (let c = 0; c < width; c++) if (t.headers[c] || mapping.roles[c] || t.sample.some((row) => row[c])) shown.push(c);
    const hidden = width - shown.length;
    const columns = [];
    const named = (c) => `第${c + 1}列（${t.headers[c] || '无表头'}）`;
    // A role chosen for a second column moves there: the column that had it is read for
    // nothing, shown so (the table is read from one column of each role; two would drop one
    // column's values unsaid).
    const choose = (c, role) => {
      // Arrowing down one list changes it at each key: a role passed by goes back to the
      // column it was taken from, so only the role the list is left on moves.
      const back = moved?.to === c && mapping.roles[c] === moved.role && !mapping.roles[moved.from] ? moved : null;
      if (back) mapping.roles[back.from] = back.role;
      moved = null;
      const from = role ? mapping.roles.findIndex((r, k) => r === role && k !== c) : -1;
      if (from >= 0) {
        mapping.roles[from] = null;
        moved = { from, to: c, role, label: kindRoles.find((r) => r.role === role)?.label ?? role };
      } else if (back && back.role !== role) {
        moved = { ...back, returned: true };
      }
      mapping.roles[c] = role;
      draw();
    };
    for (const c of shown) {
      const select = h('select', { 'aria-label': `${named(c)}的含义`, 'data-column': c,
        onchange: (e) => choose(c, e.target.value || null) },
      h('option', { value: '', selected: !mapping.roles[c] }, '（不导入）'),
      kindRoles.map((r) => h('option', { value: r.role, selected: mapping.roles[c] === r.role }, r.label)));
      // A header the core did not understand, or a column whose role just moved away, is
      // marked, so the user sees what will be left out.
      const lost = !moved?.returned && moved?.from === c && !mapping.roles[c];
      const unplaced = (t.understood?.[c] === false && !mapping.roles[c]) || lost;
      columns.push(h('th', { scope: 'col', 'data-unplaced': unplaced ? 'true' : null },
        h('div', { class: 'jx-map-header' }, t.headers[c] || `第${c + 1}列`,
          lost ? h('small', {}, '（已改为不导入）') : unplaced ? h('small', {}, '（未识别）') : null), select));
    }
    // Drawn afresh at each choice: the list or field just changed keeps the focus, to step on
    // from the keys (it went to the page, and the next Tab began at the dialog's top).
    keepFocus(body, () => fill(body,
      // (It said 已按表头自动识别 when no column was recognised.)
      h('p', { class: 'jx-hint' }, hint ?? `“${fileName}”中没有本计算器写入的表格数据（CSV 和其他软件的表格都是如此），按表头读取。${
        mapping.roles.some(Boolean) ? '请核对每一列的含义（已按表头自动识别），再导入。' : '没有一列的表头能自动识别：请在每一列上方选择它的含义，或改“表头在第几行”，再导入。'}`),
      h('div', { class: 'jx-map-choices' }, tableSelect, h('label', {}, '表头在第几行', headerRow), h('label', {}, '这是', kind)),
      h('div', { class: 'jx-scroll jx-map-scroll' }, h('table', { class: 'jx-table jx-map-table', 'aria-label': '列的含义与前几行' },
        h('thead', {}, h('tr', {}, columns)),
        h('tbody', {}, t.sample.slice(0, 5).map((row) => h('tr', {}, shown.map((c) => h('td', {}, h('span', { class: 'jx-out jx-left' }, row[c] ?? '')))))))),
      t.sample.length ? null : h('p', { class: 'jx-hint' }, '表头下没有数据行。'),
      hidden ? h('p', { class: 'jx-hint' }, `另有 ${hidden} 列没有表头，前几行也是空的，未列出，不导入。`) : null,
      moved ? h('p', { class: 'jx-hint', role: 'status' }, moved.returned
        ? `“${moved.label}”回到${named(moved.from)}。`
        : `“${moved.label}”已从${named(moved.from)}移到${named(moved.to)}：一种含义只能由一列读入，${named(moved.from)}改为不导入。`) : null,
      message));
  };
  const show = (error) => {
    message.textContent = error?.message ?? String(error);
    message.hidden = false;
    return false;
  };
  draw();
  return openDialog(root, title ?? `导入“${fileName}”`, body, [
    ['取消'],
    [action, async () => {
      message.hidden = true;
      const mapping = current.tables[table].mapping;
      try {
        await submit({ ...mapping, table });
      } catch (error) {
        return show(error);
      }
      return true;
    }, true],
  ], { wide: true });
}
