// The oldest browsers the page and the component run in: package.json's "browserslist"
// (read here, for the build's esbuild targets and for tests/www/floor.test.mjs), and the one
// step the wasm build needs to stay within it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './setup.mjs';

/** The floor as { chrome: 86, firefox: 98, … }, from queries such as "chrome >= 86". */
export function floor() {
  const { browserslist } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return Object.fromEntries(browserslist.map((query) => {
    const m = query.match(/^(\w+) >= ([\d.]+)$/);
    if (!m) throw new Error(`package.json browserslist：只支持“浏览器 >= 版本”的写法，收到“${query}”`);
    return [m[1], Number(m[2])];
  }));
}

/** The floor as esbuild targets: syntax newer than these browsers is lowered. */
export function esbuildTargets() {
  const names = { chrome: 'chrome', edge: 'edge', firefox: 'firefox', safari: 'safari', ios_saf: 'ios' };
  return Object.entries(floor()).map(([browser, version]) => `${names[browser]}${version}`);
}

/**
 * A wasm module without its `target_features` custom section. rustc merges into it the
 * features its precompiled standard library was built with (reference-types, multivalue),
 * whatever the crate was compiled with; wasm-bindgen reads it to decide whether to use them,
 * and wasm-opt to decide what to allow. Without it, both go by what the code really holds.
 */
export function withoutTargetFeatures(bytes) {
  const kept = [bytes.subarray(0, 8)];
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return value >>> 0;
  };
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const size = leb();
    const body = at;
    let name = '';
    if (id === 0) {
      const length = leb();
      name = bytes.subarray(at, at + length).toString();
    }
    at = body + size;
    if (name !== 'target_features') kept.push(bytes.subarray(start, at));
  }
  return Buffer.concat(kept);
}
