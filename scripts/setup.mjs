// Installs what building and testing need and this machine lacks, and skips what is present.
// Used by `npm start`, `npm test` and `npm run build`; see ../shared/TOOLCHAIN.md for why each
// piece is installed the way it is (no downloads beyond the package registries).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
  // The frameworks the embedding tests run the element in (no command of their own).
  const packages = ['react', 'react-dom', 'vue', 'vue2', '@types/node'];
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

/** Debian's Chromium for the browser tests and the page benchmark, and a CJK font so that
 * the screenshots the tests save show Chinese text rather than empty boxes. */
export const chromiumPath = '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(chromiumPath) && existsSync('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc')) return;
  console.log('▶ 安装 Chromium（浏览器测试用）');
  const sudo = process.getuid && process.getuid() === 0 ? [] : ['sudo'];
  const apt = (args) => (sudo.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args));
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', 'chromium', 'fonts-wqy-zenhei']);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureNodeModules();
  ensureWasmToolchain();
  if (process.argv.includes('--browser')) ensureChromium();
}
