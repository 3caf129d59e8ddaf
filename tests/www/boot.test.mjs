// The pages' inline scripts (the hosted page's starts compiling the calculator's module while
// app.js loads; both say so if their own script does not load) run only if the page's policy
// lists their hash: a script edited without its hash would be refused, and the page would
// still work, only later, so no browser test would notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../scripts/setup.mjs';

const dist = (name) => path.join(root, 'dist', name);

for (const page of ['index.html', 'index-compat.html', 'embed.html', 'embed-compat.html']) {
  test(`${page}: every inline script is allowed by its hash, and fetches a module that is there`, () => {
    const html = readFileSync(dist(page), 'utf8');
    const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
    const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    assert.equal(inline.length, 1, 'the page has its one inline script');
    assert.doesNotMatch(scriptSrc, /'unsafe-(inline|hashes)'/, 'inline scripts are allowed by their hash alone');
    for (const script of inline) {
      const hash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
      assert.ok(scriptSrc.split(' ').includes(hash), `script-src lacks ${hash}: ${scriptSrc}`);
      for (const [, file] of script.matchAll(/fetch\('\.\/([^']+)'\)/g)) assert.ok(existsSync(dist(file)), `${file} is not in dist/`);
    }
  });
}
