// The browser floor (package.json "browserslist": the oldest Chrome, Edge, Firefox and Safari
// the page and the component run in, 财政专版 browsers on old Chromium kernels included),
// checked against MDN's browser-compat-data:
//   1. each wasm module validates with only the WebAssembly features every floor browser has;
//   2. every built-in, Web API, global and constructor the built scripts name exists in the
//      floor browsers, unless ALLOWED says why it may be newer.
// The syntax is esbuild's to lower (scripts/build.mjs takes its targets from the same list);
// tests/www/es2017.test.mjs parses the ES2017 build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { root } from '../../scripts/setup.mjs';
import { floor, withoutTargetFeatures } from '../../scripts/floor.mjs';

const bcd = createRequire(import.meta.url)('@mdn/browser-compat-data');

/** BCD names ios_saf "safari_ios". */
const FLOOR = Object.fromEntries(Object.entries(floor()).map(([b, v]) => [b === 'ios_saf' ? 'safari_ios' : b, v]));
const BROWSERS = Object.keys(FLOOR);
const SCRIPTS = ['app.js', 'jixiao.js', 'embed.js', 'jixiao.es2017.js'];
const WASM = ['jixiao_bg.wasm', 'jixiao_xlsx_bg.wasm'];

/** Names the scripts use that BCD knows only as something newer than the floor, and why
 * that is fine. Property names of our own objects are recognised without being listed (see
 * `ours`), unless a JavaScript built-in has the same name. */
const ALLOWED = {
  detached: 'wasm-bindgen glue: `buffer.detached === undefined` falls back to comparing buffers',
  dispose: 'wasm-bindgen glue: `Symbol.dispose && (X.prototype[Symbol.dispose] = …)`',
  inert: 'fault.js: where `inert` is missing the stopped page stays clickable; the banner still says to reload',
  ancestorOrigins: 'embed.js: `location.ancestorOrigins?.[0]`; without it, messages go to each allowed origin',
};

/** The first version of a BCD support statement without flags or prefixes. */
function firstVersion(support) {
  let first = Infinity;
  for (const s of [support ?? []].flat()) {
    if (s.flags || s.prefix || s.alternative_name || typeof s.version_added !== 'string') continue;
    // "preview" and the like: not in a released version.
    const version = parseFloat(s.version_added.replace('≤', ''));
    if (Number.isFinite(version)) first = Math.min(first, version);
  }
  return first;
}

const newerThanFloor = (compat) => BROWSERS.filter((b) => firstVersion(compat.support[b]) > FLOOR[b]);
const versions = (compat) => BROWSERS.map((b) => `${b} ${firstVersion(compat.support[b])}`).join(', ');

/** BCD by name: members (`x.name`) and globals / constructors (`new X`). */
function bcdIndex() {
  const members = new Map();
  const globals = new Map();
  const add = (map, name, entry) => map.set(name, [...(map.get(name) ?? []), entry]);
  for (const [area, tree] of [['javascript.builtins', bcd.javascript.builtins], ['api', bcd.api], ['webassembly.api', bcd.webassembly.api]]) {
    for (const [iface, node] of Object.entries(tree)) {
      const builtin = area === 'javascript.builtins';
      if (node.__compat) add(globals, iface, { path: `${area}.${iface}`, compat: node.__compat, builtin });
      for (const [key, sub] of Object.entries(node)) {
        if (!sub.__compat || key.endsWith('_event')) continue;
        const entry = { path: `${area}.${iface}.${key}`, compat: sub.__compat, builtin };
        if (key === iface) add(globals, `new ${iface}`, entry);
        else add(members, key.replace(/_static$/, ''), entry);
      }
    }
  }
  // `el.style.maxHeight`: CSS properties, camel-cased.
  for (const [prop, node] of Object.entries(bcd.css.properties)) {
    if (node.__compat) add(members, prop.replace(/-([a-z])/g, (_, c) => c.toUpperCase()), { path: `css.properties.${prop}`, compat: node.__compat, builtin: false });
  }
  return { members, globals };
}

/** A script's member names, free identifiers and `new X`, and the property names it defines
 * itself (object keys, class members, `this.x =`). */
function namesIn(code) {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const members = new Set();
  const refs = new Set();
  const ctors = new Set();
  const declared = new Set();
  const defined = new Set();
  const declare = (pattern) => walk.full(pattern, (n) => n.type === 'Identifier' && declared.add(n.name));
  walk.full(ast, (n) => {
    if (n.type === 'VariableDeclarator') declare(n.id);
    if (n.type.includes('Function')) {
      if (n.id) declared.add(n.id.name);
      n.params.forEach(declare);
    }
    if (n.type.startsWith('Class') && n.id) declared.add(n.id.name);
    if (n.type === 'CatchClause' && n.param) declare(n.param);
    if (n.type === 'MemberExpression') {
      if (!n.computed) members.add(n.property.name);
      else if (typeof n.property.value === 'string') members.add(n.property.value);
    }
    if (n.type === 'NewExpression' && n.callee.type === 'Identifier') ctors.add(n.callee.name);
    if (['Property', 'MethodDefinition', 'PropertyDefinition'].includes(n.type) && !n.computed) defined.add(n.key.name ?? n.key.value);
    if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression' && n.left.object.type === 'ThisExpression') defined.add(n.left.property.name);
  });
  walk.fullAncestor(ast, (n, _state, ancestors) => {
    const parent = ancestors[ancestors.length - 2];
    if (n.type !== 'Identifier' || !parent) return;
    if (parent.type === 'MemberExpression' && parent.property === n && !parent.computed) return;
    if (['Property', 'MethodDefinition', 'PropertyDefinition'].includes(parent.type) && parent.key === n && !parent.shorthand) return;
    if (/Label|Break|Continue|Export|Import/.test(parent.type)) return;
    if (!declared.has(n.name)) refs.add(n.name);
  });
  return { members, refs, ctors, defined };
}

/** Field and method names our declarations give our objects: the engine's JSON and classes
 * (pkg/*.d.ts) and the component's options (www/component.d.ts). */
function declaredByUs() {
  const names = new Set();
  for (const file of ['pkg/jixiao.d.ts', 'pkg/jixiao_xlsx.d.ts', 'www/component.d.ts']) {
    for (const m of readFileSync(path.join(root, file), 'utf8').matchAll(/\b([A-Za-z_$][\w$]*)\??\s*[:(]/g)) names.add(m[1]);
  }
  return names;
}

/** The names in `code` newer than the floor, each with the versions it needs. */
function newerNames(code, index = bcdIndex()) {
  const { members, refs, ctors, defined } = namesIn(code);
  const ours = new Set([...defined, ...declaredByUs()]);
  const found = [];
  const check = (label, candidates, own) => {
    if (!candidates || ALLOWED[label]) return;
    // Fine if any of its meanings is within the floor (the most permissive reading).
    if (candidates.some((c) => newerThanFloor(c.compat).length === 0)) return;
    // A name our own code or engine defines is ours, unless a JavaScript built-in has it.
    if (own && candidates.every((c) => !c.builtin)) return;
    const best = candidates.reduce((a, c) => (newerThanFloor(c.compat).length < newerThanFloor(a.compat).length ? c : a));
    found.push(`${label}: ${best.path} (${versions(best.compat)})`);
  };
  for (const name of members) check(name, index.members.get(name), ours.has(name));
  for (const name of refs) check(name, index.globals.get(name), false);
  for (const name of ctors) check(`new ${name}`, index.globals.get(`new ${name}`) ?? index.globals.get(name), false);
  return { found, used: new Set([...members, ...refs]) };
}

/** WebAssembly proposals (BCD `webassembly.*`) as wasm-opt's flags: those rustc can emit. */
const PROPOSALS = {
  'sign-extension-operations': ['sign-ext'],
  'non-trapping-float-to-int-conversions': ['nontrapping-float-to-int'],
  'bulk-memory-operations': ['bulk-memory', 'bulk-memory-opt'],
  'multi-value': ['multivalue'],
  'reference-types': ['reference-types', 'call-indirect-overlong'],
  'fixed-width-SIMD': ['simd'],
  'relaxed-SIMD': ['relaxed-simd'],
  'tail-calls': ['tail-call'],
  'exception-handling': ['exception-handling'],
  'extended-constant-expressions': ['extended-const'],
  'threads-and-atomics': ['threads'],
};

test(`the wasm modules use only WebAssembly features of ${JSON.stringify(FLOOR)}`, () => {
  const proposals = Object.keys(PROPOSALS);
  const inFloor = proposals.filter((p) => newerThanFloor(bcd.webassembly[p].__compat).length === 0);
  assert.ok(!inFloor.includes('reference-types'), 'the floor is below reference types: the check below means something');
  const wasmOpt = path.join(root, 'node_modules', '.bin', 'wasm-opt');
  const validates = (file, ps) => spawnSync(wasmOpt, ['--mvp-features', ...ps.flatMap((p) => PROPOSALS[p]).map((f) => `--enable-${f}`), file, '-o', '/dev/null']).status === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-floor-'));
  for (const name of WASM) {
    // Without its target_features section, which wasm-opt would otherwise take as allowed.
    const file = path.join(dir, name);
    writeFileSync(file, withoutTargetFeatures(readFileSync(path.join(root, 'dist', name))));
    if (validates(file, inFloor)) continue;
    const used = proposals.filter((p) => !inFloor.includes(p) && !validates(file, proposals.filter((q) => q !== p)));
    assert.fail(`${name} uses WebAssembly features newer than the floor: ${used.map((p) => `${p} (${versions(bcd.webassembly[p].__compat)})`).join('; ')}`);
  }
});

test(`the built scripts use nothing newer than ${JSON.stringify(FLOOR)}`, () => {
  const index = bcdIndex();
  const used = new Set();
  const problems = [];
  for (const name of SCRIPTS) {
    const result = newerNames(readFileSync(path.join(root, 'dist', name), 'utf8'), index);
    problems.push(...result.found.map((f) => `${name}: ${f}`));
    for (const n of result.used) used.add(n);
  }
  for (const name of Object.keys(ALLOWED)) if (!used.has(name.replace(/^new /, ''))) problems.push(`${name}: in ALLOWED but no longer used`);
  assert.deepEqual(problems, [], `newer than the floor:\n  ${problems.join('\n  ')}\n(use something older, raise the floor in package.json, or add it to ALLOWED with a reason)`);
});

test('the check finds what is newer than the floor', () => {
  const { found } = newerNames('const a = [1, 2].findLast((x) => x); const b = structuredClone({}); new CompressionStream("gzip");');
  assert.deepEqual(found.map((f) => f.split(':')[0]).sort(), ['CompressionStream', 'findLast', 'new CompressionStream', 'structuredClone']);
  assert.deepEqual(newerNames('document.querySelector("a").replaceChildren(); [].flat();').found, []);
});
