// The indicator table's search (Ctrl+F) finds a figure however it was typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchable } from '../../www/src/find-bar.js';

test('a figure is found whatever its width and separators', () => {
  const found = (needle, text) => searchable(text).includes(searchable(needle));
  assert.ok(found('96.25', '９６．２５％'), 'full-width digits');
  assert.ok(found('1180', '1,180.00'), 'thousands separators');
  assert.ok(found('1,180', '1180.00'), 'either way');
  assert.ok(found('15042.65', '15,042.65万元'));
  assert.ok(found('abc', 'ＡＢＣ'), 'full-width letters, any case');
  assert.ok(!found('1180', '11,80'), 'a comma that is no thousands separator stays');
  assert.ok(!found('3,4', '34'), 'nor is 3,4 read as 34');
  assert.ok(found('居民满意度', '居民满意度得分'));
});
