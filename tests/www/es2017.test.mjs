// The build for old toolchains and browsers parses as ES2017 with a real parser (acorn): no
// optional chaining, no `??`, no class fields, no import.meta, no later regular expressions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { root } from '../../scripts/setup.mjs';

const file = (name) => readFileSync(path.join(root, 'dist', name), 'utf8');
const es2017 = (text) => parse(text, { ecmaVersion: 2017, sourceType: 'module' });

test('dist/jixiao.es2017.js is ES2017', () => {
  const text = file('jixiao.es2017.js');
  assert.doesNotThrow(() => es2017(text));
  assert.doesNotMatch(text, /import\.meta/);
  // Still the component: the element, mount() and the engine's loader are exported.
  const program = es2017(text);
  const exported = program.body.filter((n) => n.type === 'ExportNamedDeclaration')
    .flatMap((n) => n.specifiers.map((s) => s.exported.name)).sort();
  assert.deepEqual(exported, ['JixiaoCalculator', 'loadEngine', 'mount']);
});

test('the parser is strict: the everyday build is not ES2017', () => {
  assert.throws(() => es2017(file('jixiao.js')), SyntaxError);
  for (const later of ['a?.b', 'a ?? b', 'class A { x = 1 }', 'import.meta.url', '/(?<y>\\d)/', 'try {} catch {}']) {
    assert.throws(() => es2017(later), SyntaxError, later);
  }
});
