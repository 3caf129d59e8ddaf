// Files in and out: the sheet as JSON, the table as CSV (UTF-8 with BOM, so Excel opens the
// Chinese correctly), and reading a file the user picked.

/** Offers `content` to the user as a download named `name`. */
export function download(name, content, type) {
  const blob = new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file's text. */
export function readText(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('无法读取文件'));
    reader.readAsText(file, 'utf-8');
  });
}

const NUMBER = /^-?[\d,]+(\.\d+)?%?$/;

/** One CSV field: quoted, and text that a spreadsheet would run as a formula made inert. */
function field(value) {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

const LEVELS = ['一级', '二级', '三级', '四级', '五级', '六级'];

/**
 * The evaluated table as CSV. `rows` pairs each report row with the row's data as entered
 * (both in printed order).
 */
export function toCsv({ report, rows, meta, funds }) {
  const lines = [];
  const line = (...cells) => lines.push(cells.map(field).join(','));
  line(meta.title || report.kind_label);
  if (meta.unit || meta.project || meta.year) line(`单位：${meta.unit ?? ''}`, `项目：${meta.project ?? ''}`, `年度：${meta.year ?? ''}`);
  if (funds.length) {
    line();
    line('资金', '预算数（万元）', '执行数（万元）', '执行率');
    for (const f of funds) line(f.name, f.budget, f.spent, f.rate);
  }
  if (rows.length) {
    line();
    line('层级', '指标名称', '分值', '计分方法', '比较方式', '年度指标值', '实际完成值', '计量单位', '完成率', '得分', '偏差原因及改进措施', '计分说明');
    for (const { node, data } of rows) {
      line(
        LEVELS[node.depth] ?? `${node.depth + 1}级`,
        node.name,
        node.weight,
        node.leaf ? node.rule : '',
        node.leaf ? data.comparison ?? '' : '',
        node.leaf ? data.target ?? '' : '',
        node.leaf ? data.level ?? data.actual ?? '' : '',
        node.leaf ? data.unit ?? '' : '',
        node.rate,
        node.status === 'not_applicable' ? '不适用' : node.score,
        node.leaf ? data.reason ?? '' : '',
        node.derivation,
      );
    }
    line();
    line('总分', report.total ?? '', '等级', report.grade ?? '');
    if (report.rescale) line('折算', report.rescale.text);
  }
  if (report.summary) {
    const s = report.summary;
    line();
    line('序号', '单位名称', '项目名称', '预算数', '完成数', '预算完成率', '分数', '等级');
    for (const r of s.rows) line(r.seq, r.unit, r.project, r.budget, r.spent, r.rate, r.score, r.grade);
    line('', '合计', '', s.budget, s.spent, s.rate, '——', '——');
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
