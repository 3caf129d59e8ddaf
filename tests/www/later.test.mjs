// The hosted page's first load leaves out what few users need (scripts/build.mjs): each
// `import('./x.js')` of the page is a file of its own beside app.js, fetched when first used,
// while the component and the offline file carry the same code inline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../scripts/setup.mjs';

const dist = (file) => path.join(root, 'dist', file);
const read = (file) => readFileSync(dist(file), 'utf8');

/** Each file fetched later, and words found only in its code. */
const LATER = {
  'summary-view.js': '点击排序', // the 汇总表's column headers
  'import-dialog.js': '表头所在行', // the column-mapping step
};

test('the hosted page fetches the 汇总表, the mapping step and the spreadsheet glue when used', () => {
  const app = read('app.js');
  for (const [file, words] of Object.entries(LATER)) {
    assert.ok(read(file).includes(words), `${file} holds its code`);
    assert.ok(!app.includes(words), `app.js leaves out ${file}`);
  }
  for (const file of [...Object.keys(LATER), 'jixiao_xlsx.js']) {
    assert.ok(existsSync(dist(file)), file);
    assert.ok(app.includes(`import("./${file}")`), `app.js imports ${file} when needed`);
  }
});

test('the component and the offline file carry that code inline', () => {
  for (const file of ['jixiao.js', 'jixiao.es2017.js', 'embed.js', 'jixiao-offline.html']) {
    const text = read(file);
    for (const [later, words] of Object.entries(LATER)) {
      assert.ok(text.includes(words), `${file} carries ${later}`);
    }
    assert.doesNotMatch(text, /import\("\.\/[\w-]+\.js"\)/, `${file} fetches no file of its own`);
  }
});
