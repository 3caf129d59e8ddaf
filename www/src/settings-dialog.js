// 设置: the sheet's total weight, its grade bands, when a completion rate is called too high,
// and how many decimals a score has.
import { h, fill } from './dom.js';
import { openDialog } from './dialog.js';
import { DEFAULT_BANDS } from './catalog.js';

/**
 * Opens the dialog inside `root` with the sheet's `settings` (as the calculator gives them);
 * `save(json)` receives the settings chosen, as JSON text for the calculator.
 */
export function settingsDialog(root, settings, save) {
  const field = (label, value, hint) => h('label', {}, label, h('input', { type: 'text', value: value ?? '', placeholder: hint }));
  const total = field('总分值（一级指标分值合计）', settings.total_weight ?? '100', '100');
  const over = field('完成率达到多少时提示“指标值可能偏低”', settings.over_completion ?? '120%', '120%');
  const decimals = field('得分小数位', String(settings.score_decimals ?? 2), '2');
  const bands = h('div', { class: 'jx-bands' });
  const bandRows = (settings.grade_bands ?? DEFAULT_BANDS).map((b) => ({ ...b }));
  const drawBands = () => fill(bands, h('span', {}, '等级'), h('span', {}, '最低分（含）'), h('span'),
    bandRows.map((b, k) => [
      h('input', { type: 'text', value: b.grade, 'aria-label': `第${k + 1}档等级`, oninput: (e) => (b.grade = e.target.value) }),
      h('input', { type: 'text', value: b.min, 'aria-label': `第${k + 1}档最低分`, oninput: (e) => (b.min = e.target.value) }),
      h('button', { type: 'button', 'aria-label': `删除第${k + 1}档`, onclick: () => {
        bandRows.splice(k, 1);
        drawBands();
      } }, '×'),
    ]),
    h('button', { type: 'button', onclick: () => {
      bandRows.push({ grade: '', min: '' });
      drawBands();
    } }, '＋ 加一档'));
  drawBands();
  openDialog(root, '设置', h('div', { class: 'jx-form' }, total, h('div', {}, '等级区间（半开区间：达到最低分即为该等级）'), bands, over, decimals), [
    ['取消'],
    ['保存', () => {
      const value = (label) => label.querySelector('input').value.trim();
      const next = {
        total_weight: value(total) || '100',
        grade_bands: bandRows.filter((b) => b.grade.trim() || b.min.trim()),
        score_decimals: Number.parseInt(value(decimals), 10) || 0,
        rate_decimals: settings.rate_decimals ?? 2,
        over_completion: value(over) || '120%',
      };
      save(JSON.stringify(next));
    }, true],
  ]);
}
