// The code on the project's pages (README.md, docs/*.md), for the tests that run it as
// written. A fenced block is named by a second word after its language (```js vue3), which
// GitHub ignores when it shows the page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../scripts/setup.mjs';

/** Every fenced block of `file` (relative to the project): { lang, name, code }. */
export function blocks(file) {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/^```(\w*)(?: +([\w-]+))?\n([\s\S]*?)^```$/gm)].map(([, lang, name, code]) => ({ lang, name: name ?? null, code }));
}

/** The one block of `file` named `name`. */
export function snippet(file, name) {
  const found = blocks(file).filter((b) => b.name === name);
  if (found.length !== 1) throw new Error(`${file}: ${found.length} blocks named ${name}`);
  return found[0].code;
}

/** A message as the pages write it (`{ type: 'sheet', nodes: […], … }`) as a value: `…` left
 * out, so `[…]` is any array and `{ a: 1, … }` any object with `a: 1` (see `matches`). */
export function written(literal) {
  const source = literal.replace(/,\s*…/g, '').replace(/…/g, '');
  return new Function(`return (${source});`)();
}

/** Whether `actual` has everything `expected` shows: its keys with equal values, objects
 * compared the same way, an empty array standing for any array. */
export function matches(actual, expected) {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && (expected.length === 0 || (actual.length === expected.length && expected.every((e, i) => matches(actual[i], e))));
  }
  if (expected && typeof expected === 'object') {
    return actual != null && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => matches(actual[k], v));
  }
  return Object.is(actual, expected);
}
