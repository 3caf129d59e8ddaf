// 设置: the sheet's total weight, its grade bands, when a completion rate is called too high,
// how scores and rates are rounded, and the local conventions a sheet may follow instead of
// the national ones (docs/FORMAT.md, Settings). A setting the dialog does not show is kept.
import { h, fill, keepFocus, options } from './dom.js';
import { openDialog } from './dialog.js';
import { DEFAULT_BANDS, HINTS } from './catalog.js';

/**
 * Opens the dialog inside `root` with the sheet's `settings` (as the calculator gives them);
 * `save(json)` receives the settings chosen, as JSON text for the calculator.
 */
export function settingsDialog(root, settings, save) {
  const field = (label, value, hint) => h('label', {}, label, h('input', { type: 'text', value: value ?? '', placeholder: hint }));
  const total = field('总分值（一级指标分值合计）', settings.total_weight ?? '100', '100');
  const over = field('完成率达到多少时提示“指标值可能偏低”', settings.over_completion ?? '120%', '120%');
  const decimals = field('得分小数位', String(settings.score_decimals ?? 2), '2');
  const rateDecimals = field('完成率小数位', String(settings.rate_decimals ?? 2), '2');
  const ROUNDING = [['half_up', '四舍五入'], ['truncate', '截位'], ['up', '进位']];
  const choose = (label, list, current) => h('label', {}, label, h('select', {}, options(list, current)));
  const scoreRounding = choose('得分取舍', ROUNDING, settings.score_rounding ?? 'half_up');
  const rateRounding = choose('完成率取舍', ROUNDING, settings.rate_rounding ?? 'half_up');
  const BANDS = [['80%,60%', '达成 ≥80%、部分达成 ≥60%（财预〔2020〕10号）'], ['80%,50%', '达成 ≥80%、部分达成 ≥50%']];
  const bandsNow = (settings.qualitative_bands ?? ['80%', '60%']).join(',');
  if (!BANDS.some(([v]) => v === bandsNow)) BANDS.push([bandsNow, `达成 ≥${bandsNow.replace(',', '、部分达成 ≥')}（本表）`]);
  const qualitative = choose('定性评价分档', BANDS, bandsNow);
  const check = (label, on) => h('label', { class: 'jx-check' }, h('input', { type: 'checkbox', checked: Boolean(on) }), label);
  const uncapped = check('预算执行率得分不设上限（分值 × 执行率）', settings.budget_uncapped);
  const coefficient = check('百分比的实际完成值作得分系数（分值 × 实际完成值，不论指标值）', settings.actual_as_coefficient);
  // Each 提示 shown unless the sheet switched it off.
  const off = new Set(settings.hints_off ?? []);
  const hints = HINTS.map(([code, label]) => [code, check(label, !off.has(code))]);
  const hintBox = h('fieldset', { class: 'jx-hints' }, h('legend', {}, '显示这些指标提示'), hints.map(([, box]) => box));
  const bands = h('div', { class: 'jx-bands' });
  const bandRows = (settings.grade_bands ?? DEFAULT_BANDS).map((b) => ({ ...b }));
  const drawBands = () => fill(bands, h('span', {}, '等级'), h('span', {}, '最低分（含）'), h('span'),
    bandRows.map((b, k) => [
      h('input', { type: 'text', value: b.grade, 'aria-label': `第${k + 1}档等级`, oninput: (e) => (b.grade = e.target.value) }),
      h('input', { type: 'text', value: b.min, 'aria-label': `第${k + 1}档最低分`, oninput: (e) => (b.min = e.target.value) }),
      h('button', { type: 'button', 'aria-label': `删除第${k + 1}档`, onclick: () => {
        bandRows.splice(k, 1);
        // The focus to the band now in its place (or the one before the last), not the page.
        keepFocus(bands, drawBands);
      } }, '×'),
    ]),
    h('button', { type: 'button', onclick: () => {
      bandRows.push({ grade: '', min: '' });
      drawBands();
      // The new band's 等级, to type it at once.
      bands.querySelector(`input[aria-label="第${bandRows.length}档等级"]`)?.focus();
    } }, '＋ 加一档'));
  drawBands();
  const message = h('p', { class: 'jx-dialog-error', role: 'alert', hidden: true });
  openDialog(root, '设置', h('div', { class: 'jx-form' }, message, total, h('div', {}, '等级区间（半开区间：达到最低分即为该等级）'), bands, over,
    decimals, scoreRounding, rateDecimals, rateRounding, qualitative, uncapped, coefficient, hintBox), [
    ['取消'],
    ['保存', () => {
      const value = (label) => label.querySelector('input').value.trim();
      const selected = (label) => label.querySelector('select').value;
      const checked = (label) => label.querySelector('input').checked;
      // Places are a whole number from 0 to 6 (the core's limit); anything else is said, here,
      // and nothing is saved: 三位 or 1.5 must not become 2 or 1 unseen.
      const places = (label) => {
        const text = value(label).replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
        return text === '' ? 2 : /^[0-6]$/.test(text) ? Number(text) : null;
      };
      const wrong = [[decimals, '得分小数位'], [rateDecimals, '完成率小数位']].filter(([label]) => places(label) === null);
      message.hidden = !wrong.length;
      if (wrong.length) {
        message.textContent = wrong.map(([label, name]) => `${name}“${value(label)}”无法识别：请填 0 到 6 之间的整数（如 2）。`).join('');
        wrong[0][0].querySelector('input').focus();
        return false;
      }
      const next = {
        ...settings,
        total_weight: value(total) || '100',
        grade_bands: bandRows.filter((b) => b.grade.trim() || b.min.trim()),
        score_decimals: places(decimals),
        rate_decimals: places(rateDecimals),
        over_completion: value(over) || '120%',
        score_rounding: selected(scoreRounding),
        rate_rounding: selected(rateRounding),
        qualitative_bands: selected(qualitative).split(','),
        budget_uncapped: checked(uncapped),
        actual_as_coefficient: checked(coefficient),
        // Codes this build does not know stay off.
        hints_off: [...off].filter((c) => !HINTS.some(([k]) => k === c)).concat(hints.filter(([, box]) => !checked(box)).map(([code]) => code)),
      };
      if (!next.hints_off.length) delete next.hints_off;
      save(JSON.stringify(next));
    }, true],
  ]);
}
