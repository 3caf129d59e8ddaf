// `npm test`: every check of the project, in order, stopping at the first failure. Installs
// what is missing first (wasm toolchain, npm packages, Chromium), as CI's fresh machine needs.
import { spawnSync } from 'node:child_process';
import { root, ensureNodeModules, ensureWasmToolchain, ensureChromium } from './setup.mjs';
import { build } from './build.mjs';

function step(title, command, args) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (run.error) throw new Error(`无法运行 ${command}：${run.error.message}`);
  if (run.status !== 0) throw new Error(`${title}失败（退出码 ${run.status}）`);
}

const tsc = `${root}/node_modules/.bin/tsc`;

try {
  step('格式', 'cargo', ['fmt', '--all', '--check']);
  step('静态检查', 'cargo', ['clippy', '--all-targets', '--', '-D', 'warnings']);
  step('Rust 测试', 'cargo', ['test']);
  ensureNodeModules();
  ensureWasmToolchain();
  step('静态检查（wasm 绑定）', 'cargo', ['clippy', '--target', 'wasm32-unknown-unknown', '--lib', '--no-default-features', '--', '-D', 'warnings']);
  step('静态检查（wasm 表格模块）', 'cargo', ['clippy', '--target', 'wasm32-unknown-unknown', '--lib', '--no-default-features', '--features', 'xlsx', '--target-dir', 'target/xlsx', '--', '-D', 'warnings']);
  await build();
  // Before the JS tests too: tests/www reads a pasted table's HTML with Chromium's parser.
  ensureChromium();
  step('wasm / JS 接口测试', process.execPath, ['--test', '--test-reporter=spec', 'tests/wasm/', 'tests/www/', 'tests/bench/']);
  step('TypeScript 类型检查', tsc, ['-p', 'tests/wasm']);
  // The timeout bounds each file as a whole (node runs each in a process of its own): the
  // printing tests, each a PDF rendered and read, take two minutes on a busy two-core machine.
  step('浏览器端到端测试', process.execPath, ['--test', '--test-reporter=spec', '--test-timeout=300000', 'tests/e2e/']);
  console.log('\n✔ 全部检查通过（截图见 test-results/screenshots/）');
} catch (error) {
  console.error(`\n✖ ${error.message ?? error}`);
  process.exit(1);
}
