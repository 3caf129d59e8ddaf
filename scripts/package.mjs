// `npm run package`: the npm package a portal installs (`npm install jixiao-0.1.0.tgz`), laid out
// in package/ from what `npm run build` made, then packed. Its entries:
//   jixiao             the <jixiao-calculator> element, mount() and loadEngine() (browser)
//   jixiao/legacy      the same as ES2017 for old build chains (webpack 4) and browsers
//   jixiao/engine      the scoring engine: in Node ready on import, in a browser after load()
//   jixiao/spreadsheet the Excel / CSV / Word module, likewise
//   embed.html         the calculator alone, for a portal to frame (docs/EMBED.md), served
//                      from node_modules/jixiao/ or copied with the .js and .wasm files
// Each finds its wasm next to itself (new URL(…, import.meta.url)), which bundlers copy too.
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { root } from './setup.mjs';
import { manifest } from './custom-elements.mjs';
import { esbuildTargets } from './floor.mjs';

export const packageDir = path.join(root, 'package');

// The engine entries are bundled (esbuild) from these sources with the wasm-bindgen glue, so
// that every entry finds the one copy of each wasm file at the package's top level.
const engineBrowser = (name) => `import init from './${name}.js';
export * from './${name}.js';
let loading = null;
/** Loads the module once (the wasm next to this file, or a URL or bytes given). */
export function load(source) {
  loading ??= init({ module_or_path: source ?? new URL('./${name}_bg.wasm', import.meta.url) });
  return loading.then(() => undefined);
}
`;

const engineNode = (name) => `import { readFileSync } from 'node:fs';
import { initSync } from './${name}.js';
export * from './${name}.js';
initSync({ module: readFileSync(new URL('./${name}_bg.wasm', import.meta.url)) });
/** Nothing to wait for in Node (loaded on import); there for code shared with the browser. */
export function load() {
  return Promise.resolve();
}
`;

const engineTypes = (name) => `export * from './pkg/${name}.js';
/** Loads the wasm module once (in Node it is loaded on import); \`source\`: its URL or bytes. */
export function load(source?: string | URL | ArrayBuffer | ArrayBufferView): Promise<void>;
`;

/** The main entry in Node: no page to draw in, so the element and mount() say so when used;
 * loadEngine() gives the engine, as in a browser. */
const NODE_STUB = `const noPage = () => {
  throw new Error('jixiao：Node 中没有页面，无法显示计算器；计分请用 jixiao/engine');
};
export function mount() {
  noPage();
}
export class JixiaoCalculator {
  constructor() {
    noPage();
  }
}
export async function loadEngine() {
  return import('./engine.node.js');
}
`;

/** The package's files, written into package/. */
export async function layOut() {
  const dist = path.join(root, 'dist');
  const pkg = path.join(root, 'pkg');
  const fromDist = ['jixiao.js', 'jixiao.es2017.js', 'jixiao_bg.wasm', 'jixiao_xlsx_bg.wasm', 'embed.html', 'embed-compat.html', 'embed.js'];
  for (const file of fromDist) {
    if (!existsSync(path.join(dist, file))) throw new Error(`缺少 dist/${file}：请先运行 npm run build`);
  }
  const own = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  rmSync(packageDir, { recursive: true, force: true });
  mkdirSync(path.join(packageDir, 'pkg'), { recursive: true });
  // The component bundle looks for its wasm next to itself.
  for (const file of fromDist) copyFileSync(path.join(dist, file), path.join(packageDir, file));
  // The engine's types; its code is bundled into the entries below. `[Symbol.dispose]` needs
  // TypeScript's esnext library, which a portal's project may not use: `free()` does the same.
  // The glue's own loader (InitInput … init) is not the package's API (`load()` is), and its
  // types name the DOM's (Response, RequestInfo): without them a Node project compiles them.
  for (const file of ['jixiao.d.ts', 'jixiao_xlsx.d.ts']) {
    const text = readFileSync(path.join(pkg, file), 'utf8');
    const glue = text.indexOf('\nexport type InitInput');
    if (glue < 0) throw new Error(`pkg/${file}：找不到 wasm-bindgen 的 InitInput`);
    const types = text.slice(0, glue + 1).replace(/^ *\[Symbol\.dispose\]\(\): void;\n/gm, '');
    writeFileSync(path.join(packageDir, 'pkg', file), types);
  }
  const esbuild = await import('esbuild');
  for (const [name, entry] of [['jixiao', 'engine'], ['jixiao_xlsx', 'spreadsheet']]) {
    for (const [source, file, platform] of [[engineBrowser(name), `${entry}.js`, 'browser'], [engineNode(name), `${entry}.node.js`, 'node']]) {
      await esbuild.build({
        stdin: { contents: source, resolveDir: pkg, sourcefile: file },
        bundle: true, format: 'esm', platform, target: platform === 'node' ? 'node20' : esbuildTargets(), minify: true, legalComments: 'none', logLevel: 'warning',
        outfile: path.join(packageDir, file),
      });
    }
    writeFileSync(path.join(packageDir, `${entry}.d.ts`), engineTypes(name));
  }
  copyFileSync(path.join(root, 'www', 'component.d.ts'), path.join(packageDir, 'jixiao.d.ts'));
  writeFileSync(path.join(packageDir, 'custom-elements.json'), `${JSON.stringify(manifest(), null, 2)}\n`);
  writeFileSync(path.join(packageDir, 'legacy.js'), "export * from './jixiao.es2017.js';\n");
  writeFileSync(path.join(packageDir, 'legacy.d.ts'), "export * from './jixiao.js';\n");
  writeFileSync(path.join(packageDir, 'jixiao.node.js'), NODE_STUB);
  copyFileSync(path.join(root, 'www', 'PACKAGE.md'), path.join(packageDir, 'README.md'));
  copyFileSync(path.join(root, 'docs', 'EMBED.md'), path.join(packageDir, 'EMBED.md'));
  // EMBED.md's `load` takes a sheet file, which FORMAT.md documents (and links to).
  copyFileSync(path.join(root, 'docs', 'FORMAT.md'), path.join(packageDir, 'FORMAT.md'));
  const manifestJson = {
    name: 'jixiao',
    version: own.version,
    description: own.description,
    license: own.license,
    type: 'module',
    main: './jixiao.js',
    types: './jixiao.d.ts',
    customElements: './custom-elements.json',
    // Importing the element registers it: a bundler must keep these whatever is used of them.
    sideEffects: ['./jixiao.js', './jixiao.es2017.js', './legacy.js'],
    exports: {
      // In Node (server-side rendering, tests) there is no page: importing is harmless there.
      '.': { types: './jixiao.d.ts', node: './jixiao.node.js', default: './jixiao.js' },
      // ES2017 syntax, no import.meta (webpack 4, old browsers): its wasm where window.JIXIAO_BASE
      // says. webpack 4 reads no exports map: it finds legacy.js itself.
      './legacy': { types: './jixiao.d.ts', node: './jixiao.node.js', default: './jixiao.es2017.js' },
      './engine': { types: './engine.d.ts', node: './engine.node.js', default: './engine.js' },
      './spreadsheet': { types: './spreadsheet.d.ts', node: './spreadsheet.node.js', default: './spreadsheet.js' },
      './custom-elements.json': './custom-elements.json',
      './jixiao_bg.wasm': './jixiao_bg.wasm',
      './jixiao_xlsx_bg.wasm': './jixiao_xlsx_bg.wasm',
      './embed.html': './embed.html',
      './embed-compat.html': './embed-compat.html',
      './embed.js': './embed.js',
      './package.json': './package.json',
    },
    files: ['*.js', '*.d.ts', '*.wasm', 'embed.html', 'embed-compat.html', 'pkg/*.d.ts', 'custom-elements.json', 'README.md', 'EMBED.md', 'FORMAT.md'],
    engines: { node: '>=20' },
  };
  writeFileSync(path.join(packageDir, 'package.json'), `${JSON.stringify(manifestJson, null, 2)}\n`);
  return manifestJson;
}

/** Lays the package out and packs it into `destination`; returns npm's report of the tarball. */
export async function pack(destination = root) {
  await layOut();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['pack', '--json', '--pack-destination', destination], { cwd: packageDir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm pack 失败：${run.stderr}`);
  return JSON.parse(run.stdout)[0];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const report = await pack();
    console.log(`✔ ${report.filename}：${report.entryCount} 个文件，压缩后 ${(report.size / 1024).toFixed(1)} KB，解压后 ${(report.unpackedSize / 1024).toFixed(1)} KB`);
  } catch (error) {
    console.error(error.message ?? error);
    process.exit(1);
  }
}
