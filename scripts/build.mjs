// `npm run build`: the wasm module (pkg/) and the page (dist/): the hosted page, the
// embeddable component and one self-contained HTML file that works from file://.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { root, ensureNodeModules, ensureWasmToolchain } from './setup.mjs';
import { esbuildTargets, withoutTargetFeatures } from './floor.mjs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (result.error) throw new Error(`无法运行 ${command}：${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} 失败（退出码 ${result.status}）`);
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** The WebAssembly features of the browser floor (Chrome 86, Firefox 101, Safari 16.4), as
 * wasm-opt names them. */
const WASM_FEATURES = ['--mvp-features', '--enable-mutable-globals', '--enable-sign-ext', '--enable-nontrapping-float-to-int',
  '--enable-bulk-memory', '--enable-bulk-memory-opt'];

/** The two wasm modules (src/wasm/): the calculator (pkg/jixiao*) that every page loads, and
 * the spreadsheet module (pkg/jixiao_xlsx*) fetched only to open or write .xlsx / .csv. Each
 * has a target directory of its own, so building one does not invalidate the other. */
export function buildWasm() {
  rmSync(path.join(root, 'pkg'), { recursive: true, force: true });
  for (const [name, features, targetDir] of [['jixiao', [], 'target'], ['jixiao_xlsx', ['--features', 'xlsx'], 'target/xlsx']]) {
    console.log(`▶ 编译 wasm：${name}`);
    // Compiled within the browser floor (.cargo/config.toml); the section that still claims
    // otherwise is dropped before wasm-bindgen reads it (scripts/floor.mjs).
    run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm', '--lib', '--no-default-features', ...features, '--target-dir', targetDir]);
    const built = path.join(root, targetDir, 'wasm32-unknown-unknown', 'wasm', 'jixiao.wasm');
    const plain = path.join(root, targetDir, 'wasm32-unknown-unknown', 'wasm', `${name}.floor.wasm`);
    writeFileSync(plain, withoutTargetFeatures(readFileSync(built)));
    run('wasm-bindgen', ['--target', 'web', '--out-dir', 'pkg', '--out-name', name, plain]);
    // --low-memory-unused: Rust puts the stack first and data above 1 MiB, so addresses below
    // 1 KiB are never used and wasm-opt may fold constants into load/store offsets.
    // -ocimfs 40: a function with one caller is inlined into it only when small. Inlining
    // every such function (wasm-opt's default) folded rarely taken paths back into the hottest
    // functions (a cell's general reader into the plain-number path), making them slower in
    // V8's baseline compiler and slower to optimize; the module is also smaller this way.
    // The features allowed are those every browser of the floor has (the module's own list
    // of them was dropped above): tests/www/floor.test.mjs checks the result against it.
    run(bin('wasm-opt'), ['-Oz', '-ocimfs', '40', '--low-memory-unused', '--converge', '--strip-debug', '--strip-producers', ...WASM_FEATURES, `pkg/${name}_bg.wasm`, '-o', `pkg/${name}_bg.wasm`]);
    for (const file of [`${name}.d.ts`, `${name}_bg.wasm.d.ts`]) typeRawExports(path.join(root, 'pkg', file));
  }
}

/**
 * The raw exports (`InitOutput`, which no caller uses directly) type every JsValue parameter
 * `any`. The binding takes text as JsValue on purpose (src/wasm/convert.rs: a non-string
 * passed as `&str` traps); for these entries `unknown` is the honest type, and it keeps the
 * declarations free of `any` (tests/wasm/dts.test.mjs).
 */
function typeRawExports(file) {
  const text = readFileSync(file, 'utf8');
  const raw = /^( {4}readonly \w+: \(.*| ?export const \w+: \(.*)$/gm;
  writeFileSync(file, text.replace(raw, (line) => line.replace(/: any\b/g, ': unknown')));
}

const dist = path.join(root, 'dist');

/** A page's twin for browsers that compile WebAssembly under a policy only with
 * 'unsafe-eval' (Chrome < 97, Firefox < 102, Safari < 16): the same page, that word added. */
export function compatTwin(html) {
  const strict = "script-src 'self' 'wasm-unsafe-eval'";
  if (!html.includes(strict)) throw new Error(`页面的安全策略中没有 ${strict}`);
  return html.replace(strict, `${strict} 'unsafe-eval'`).replace('<meta charset="utf-8">',
    '<meta charset="utf-8">\n<!-- Opened instead of the strict page by a browser older than \'wasm-unsafe-eval\' (www/src/policy.js). -->');
}

/**
 * The stylesheet (www/src/styles.js) is CSS in template literals, which esbuild's minifier
 * leaves as written: its comments and indentation are dropped here, outside the `${…}` parts.
 * Nothing inside a rule changes (strings hold no braces or semicolons).
 */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/;}/g, '}');
}

export const minifiedStyles = {
  name: 'minified-styles',
  setup(b) {
    b.onLoad({ filter: /[\\/]www[\\/]src[\\/]styles\.js$/ }, ({ path: file }) => {
      const source = readFileSync(file, 'utf8');
      // Each template literal's text, cut at its `${…}` (whose braces are counted).
      let out = '';
      let i = 0;
      while (i < source.length) {
        const open = source.indexOf('`', i);
        if (open < 0 || source.lastIndexOf('//', open) > source.lastIndexOf('\n', open) || /\*[^/]*$/.test(source.slice(source.lastIndexOf('\n', open), open))) {
          if (open < 0) { out += source.slice(i); break; }
          out += source.slice(i, open + 1);
          i = open + 1;
          // A backtick in a comment: skip to the end of its line.
          const eol = source.indexOf('\n', i);
          out += source.slice(i, eol < 0 ? source.length : eol);
          i = eol < 0 ? source.length : eol;
          continue;
        }
        out += source.slice(i, open + 1);
        i = open + 1;
        let text = '';
        while (source[i] !== '`') {
          if (source.startsWith('${', i)) {
            let depth = 0;
            let j = i + 1;
            for (; j < source.length; j++) {
              if (source[j] === '{') depth++;
              else if (source[j] === '}' && --depth === 0) break;
            }
            out += minifyCss(text) + source.slice(i, j + 1);
            text = '';
            i = j + 1;
          } else {
            text += source[i++];
          }
        }
        out += `${minifyCss(text)}\``;
        i++;
      }
      return { contents: out, loader: 'js' };
    });
  },
};

/**
 * A module both app.js and a file fetched later carry is two copies in the hosted page: one
 * with state (a top-level `let` or Map, such as catalog.js's tables, filled when the engine loads)
 * would be empty in the later file. Such a module stops the build; pass what it holds instead.
 */
function sharedStateless(pageMeta, laterMeta) {
  const inApp = new Set(Object.values(pageMeta.outputs).flatMap((o) => Object.keys(o.inputs)));
  for (const [file, output] of Object.entries(laterMeta.outputs)) {
    for (const input of Object.keys(output.inputs).filter((i) => inApp.has(i) && i.startsWith('www/'))) {
      if (/^(export )?((let|var) |const \w+ = new (Map|Set|WeakMap|WeakSet)\b)/m.test(readFileSync(path.join(root, input), 'utf8'))) {
        throw new Error(`${path.basename(file)} 与 app.js 各带一份 ${input}，而它有模块级状态（顶层 let/var）：稍后加载的那份不会有页面放入的内容。请把所需的值作为参数传入。`);
      }
    }
  }
}

/** The page: the hosted page (index.html + app.js), the embeddable component (jixiao.js),
 * the page a portal frames (embed.html + embed.js), the example host pages, and the offline
 * single file (jixiao-offline.html). */
export async function buildPage() {
  console.log('▶ 打包页面');
  const esbuild = await import('esbuild');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  // Syntax newer than the browser floor (package.json "browserslist") is lowered.
  const common = { bundle: true, format: 'esm', minify: true, target: esbuildTargets(), charset: 'utf8', legalComments: 'none', logLevel: 'warning', plugins: [minifiedStyles] };
  // The hosted page's script on its own. What the page imports only when first used
  // (`import('./x.js')`: the spreadsheet module's glue, the 汇总表's drawing, the column-mapping
  // step) is a file of its own,
  // dist/x.js with what it needs inside, fetched then rather than with the first load.
  // (esbuild's splitting would also move the code they share into a chunk app.js waits for.)
  // The component and the framed page stay one file each (a host or a package copies them).
  const usedLater = new Map(); // its file's name in dist/ → its source
  const hosted = await esbuild.build({
    ...common,
    entryPoints: { app: 'www/src/main.js' },
    outdir: dist,
    absWorkingDir: root,
    metafile: true,
    plugins: [...common.plugins, {
      name: 'used-later-apart',
      setup(b) {
        b.onResolve({ filter: /.*/ }, ({ path: imported, kind, resolveDir }) => {
          if (kind !== 'dynamic-import') return undefined;
          const source = path.resolve(resolveDir, imported);
          const name = path.basename(source, '.js');
          const taken = usedLater.has(name) && usedLater.get(name) !== source;
          if (!imported.startsWith('.') || taken || ['app', 'jixiao', 'jixiao.es2017', 'embed'].includes(name) || existsSync(path.join(root, 'www', `${name}.js`))) {
            throw new Error(`import('${imported}')：稍后加载的模块须是相对路径，且文件名在 dist/ 中不与其他文件重名`);
          }
          usedLater.set(name, source);
          return { path: `./${name}.js`, external: true };
        });
      },
    }],
  });
  const later = await esbuild.build({ ...common, entryPoints: Object.fromEntries(usedLater), outdir: dist, absWorkingDir: root, metafile: true });
  sharedStateless(hosted.metafile, later.metafile);
  await esbuild.build({
    ...common,
    entryPoints: { jixiao: 'www/src/index.js', embed: 'www/src/embed.js' },
    outdir: dist,
    absWorkingDir: root,
  });
  // The same component for old build chains (webpack 4 cannot parse `?.` or import.meta in
  // node_modules) and old browsers: ES2017 syntax, its wasm found without import.meta.
  await esbuild.build({
    ...common,
    target: ['es2017', ...esbuildTargets()],
    entryPoints: { 'jixiao.es2017': 'www/src/index.js' },
    outdir: dist,
    absWorkingDir: root,
    // The wasm-bindgen glue's own default location is never used (engine.js always says where).
    define: { 'import.meta.url': 'document.baseURI' },
    plugins: [{
      name: 'here-legacy',
      setup(b) {
        b.onResolve({ filter: /\/here\.js$/ }, () => ({ path: path.join(root, 'www', 'src', 'here-legacy.js') }));
      },
    }],
  });
  for (const file of ['jixiao_bg.wasm', 'jixiao_xlsx_bg.wasm']) copyFileSync(path.join(root, 'pkg', file), path.join(dist, file));
  // The twins for browsers older than 'wasm-unsafe-eval' (www/src/policy.js).
  for (const page of ['index', 'embed']) writeFileSync(path.join(dist, `${page}-compat.html`), compatTwin(readFileSync(path.join(root, 'www', `${page}.html`), 'utf8')));
  for (const file of ['index.html', 'embed.html', 'embed-example.html', 'embed-example.css', 'embed-example.js', 'iframe-example.html', 'iframe-example.js', 'example-sheet.js']) {
    copyFileSync(path.join(root, 'www', file), path.join(dist, file));
  }

  // One file that works opened from file://: Chromium refuses to fetch() a local file, so the
  // modules travel inside the page as base64 (engine.js finds them), and so does the script.
  // The spreadsheet module is decoded only when a spreadsheet is first opened or written.
  const bundled = await esbuild.build({ ...common, entryPoints: ['www/src/main.js'], write: false, absWorkingDir: root });
  const script = bundled.outputFiles[0].text.replaceAll('</script', '<\\/script');
  const base64 = (file) => readFileSync(path.join(root, 'pkg', file)).toString('base64');
  const template = readFileSync(path.join(root, 'www', 'offline.html'), 'utf8');
  // The page's Content-Security-Policy allows this one inline script, by its hash.
  const hash = `sha256-${createHash('sha256').update(script).digest('base64')}`;
  const page = template
    .replace('/*SCRIPT-HASH*/', () => hash)
    .replace('/*WASM*/', () => base64('jixiao_bg.wasm'))
    .replace('/*XLSX*/', () => base64('jixiao_xlsx_bg.wasm'))
    .replace('/*APP*/', () => script);
  writeFileSync(path.join(dist, 'jixiao-offline.html'), page);
}

export async function build() {
  ensureNodeModules();
  ensureWasmToolchain();
  buildWasm();
  await buildPage();
  console.log('✔ 构建完成：dist/index.html（网页）、dist/jixiao.js（嵌入组件）、dist/jixiao-offline.html（离线单文件）');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}
