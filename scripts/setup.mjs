// Installs what building and testing need and this machine lacks, and skips what is present.
// Used by `npm start`, `npm test` and `npm run build`; see ../shared/TOOLCHAIN.md for why each
// piece is installed the way it is (no downloads beyond the package registries).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync, renameSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, options = {}) {
  console.log(`  $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw new Error(`无法运行 ${command}：${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} 失败（退出码 ${result.status}）`);
}

function output(command, args) {
  try {
    return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly. */
export function wasmBindgenVersion() {
  const lock = readFileSync(path.join(root, 'Cargo.lock'), 'utf8');
  const m = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/);
  if (!m) throw new Error('Cargo.lock 中没有 wasm-bindgen');
  return m[1];
}

export function ensureNodeModules() {
  const needed = ['esbuild', 'wasm-opt', 'playwright-core', 'tsc', 'acorn'];
  // Packages the tests use that have no command of their own: the frameworks the embedding
  // tests run the element in, Node's types, the browser-compatibility data.
  const packages = ['react', 'react-dom', 'vue', 'vue2', '@types/node', '@mdn/browser-compat-data', 'acorn-walk'];
  if (needed.every((bin) => existsSync(path.join(root, 'node_modules', '.bin', bin)))
    && packages.every((name) => existsSync(path.join(root, 'node_modules', name, 'package.json')))) return;
  console.log('▶ 安装 npm 依赖');
  run('npm', existsSync(path.join(root, 'package-lock.json')) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
}

export function ensureWasmToolchain() {
  if (!output('cargo', ['--version'])) {
    throw new Error('需要 Rust 工具链：请先安装 rustup（https://rustup.rs），再运行本命令');
  }
  const targets = output('rustup', ['target', 'list', '--installed']) ?? '';
  if (!targets.split('\n').includes('wasm32-unknown-unknown')) {
    console.log('▶ 安装 wasm32 编译目标');
    run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
  }
  const version = wasmBindgenVersion();
  const installed = output('wasm-bindgen', ['--version']) ?? '';
  if (!installed.includes(version)) {
    console.log(`▶ 安装 wasm-bindgen-cli ${version}（首次约需 5 分钟）`);
    // --locked first; this workplace's registry lacks one crate version that the CLI's own
    // lockfile pins, so fall back to resolving within the registry (the CLI version stays exact).
    try {
      run('cargo', ['install', 'wasm-bindgen-cli', '--version', version, '--locked']);
    } catch {
      run('cargo', ['install', 'wasm-bindgen-cli', '--version', version]);
    }
  }
}

/** Debian's Chromium for the browser tests and the page benchmark, a CJK font so that
 * the screenshots the tests save show Chinese text rather than empty boxes, and pdftoppm,
 * which turns the printed PDFs of tests/e2e/print.test.mjs into images. */
export const chromiumPath = '/usr/bin/chromium';

export function ensureChromium() {
  if (['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', '/usr/bin/pdftoppm', chromiumPath].every((file) => existsSync(file))) return;
  console.log('▶ 安装 Chromium（浏览器测试用）');
  const sudo = process.getuid && process.getuid() === 0 ? [] : ['sudo'];
  const apt = (args) => (sudo.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args));
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', 'chromium', 'fonts-wqy-zenhei', 'poppler-utils']);
}

/** The browser floor's Chromium (86, the kernel of many 国产 browsers; package.json
 * "browserslist"), for tests/e2e/floor.test.mjs: the build the npm package chrome-aws-lambda
 * 5.3.1 carries, fetched from the npm registry once and unpacked under node_modules/.cache.
 * Resolves to { executable, env }. */
export function ensureFloorChromium() {
  const dir = path.join(root, 'node_modules', '.cache', 'jixiao', 'chromium-86');
  const executable = path.join(dir, 'chromium');
  const env = { ...process.env, LD_LIBRARY_PATH: path.join(dir, 'lib') };
  if (existsSync(executable)) return { executable, env };
  console.log('▶ 下载 Chromium 86（浏览器下限测试用，约 45 MB）');
  mkdirSync(dir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = spawnSync(npm, ['pack', 'chrome-aws-lambda@5.3.1', '--pack-destination', dir, '--silent'], { cwd: dir, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`无法下载 chrome-aws-lambda：${packed.stderr}`);
  const tarball = path.join(dir, packed.stdout.trim().split('\n').pop());
  run('tar', ['-xzf', tarball, '-C', dir, 'package/bin/chromium.br', 'package/bin/aws.tar.br', 'package/bin/swiftshader.tar.br']);
  const unbrotli = (file) => brotliDecompressSync(readFileSync(path.join(dir, 'package', 'bin', file)));
  // Its libraries (lib/, on LD_LIBRARY_PATH) and its software GL, which it looks for in
  // swiftshader/ beside itself. Fonts are the system's (ensureChromium's).
  for (const [archive, into] of [['aws.tar.br', dir], ['swiftshader.tar.br', path.join(dir, 'swiftshader')]]) {
    const tar = path.join(dir, archive.replace(/\.br$/, ''));
    writeFileSync(tar, unbrotli(archive));
    mkdirSync(into, { recursive: true });
    run('tar', ['-xf', tar, '-C', into]);
    rmSync(tar);
  }
  writeFileSync(`${executable}.part`, unbrotli('chromium.br'), { mode: 0o755 });
  renameSync(`${executable}.part`, executable);
  rmSync(path.join(dir, 'package'), { recursive: true, force: true });
  rmSync(tarball);
  return { executable, env };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureNodeModules();
  ensureWasmToolchain();
  if (process.argv.includes('--browser')) ensureChromium();
}
