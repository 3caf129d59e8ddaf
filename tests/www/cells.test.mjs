// Which indicator cells are clipped: only those whose text may not fit its column, since every
// clip costs the browser work on each frame (see mayOverflow in www/src/sheet-columns.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXT_ROOM, gridColumns, mayOverflow } from '../../www/src/sheet-columns.js';

test('short figures are not clipped; long texts are', () => {
  for (const [key, text, clipped] of [
    ['score', '2.00', false],
    ['score', '不适用', false],
    ['score', '12345678901.00', true],
    ['rate', '186.46%', false],
    ['rate', '96.01%', false],
    ['rate', '123456789.00%', true],
    ['weight', '20', false],
    ['weight', '12345678901', true],
    ['actual', '1,234,567.89', false],
    ['actual', '1,234,567,890,123.45', true],
    ['unit', '万元', false],
    ['unit', '万元/平方米', true],
    ['reason', '偏差原因', false],
    ['reason', '受疫情影响部分项目延期实施，资金拨付进度滞后', true],
    ['rule', '按次扣分', false],
  ]) {
    assert.equal(mayOverflow(text, TEXT_ROOM[key]), clipped, `${key}: ${text}`);
  }
});

test('a CJK character counts wider than a digit', () => {
  assert.equal(mayOverflow('12345678', 6), false);
  assert.equal(mayOverflow('ABCDEFGH', 6), true);
  assert.equal(mayOverflow('一二三四五六七八', 6), true);
});

test('the grid template comes from the columns: on screen, narrow, on paper', () => {
  assert.equal(gridColumns(), 'minmax(15em, 1.7fr) 4.5em 7.5em 4.6em 9em 9em 5em 6.2em 5.6em minmax(12em, 1.3fr) 2.8em');
  assert.equal(gridColumns({ name: 11, reason: 10 }), 'minmax(11em, 1.7fr) 4.5em 7.5em 4.6em 9em 9em 5em 6.2em 5.6em minmax(10em, 1.3fr) 2.8em');
  assert.equal(gridColumns({ name: 11, reason: 10, menu: null }), 'minmax(11em, 1.7fr) 4.5em 7.5em 4.6em 9em 9em 5em 6.2em 5.6em minmax(10em, 1.3fr)');
});
