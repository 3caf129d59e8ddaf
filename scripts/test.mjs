// `npm test`: every check of the project, in order, stopping at the first failure.
import { spawnSync } from 'node:child_process';

const steps = [
  ['cargo', ['fmt', '--all', '--check']],
  ['cargo', ['clippy', '--all-targets', '--', '-D', 'warnings']],
  ['cargo', ['test']],
];

for (const [command, args] of steps) {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, { stdio: 'inherit' });
  if (run.error) {
    console.error(`无法运行 ${command}：${run.error.message}`);
    process.exit(1);
  }
  if (run.status !== 0) process.exit(run.status ?? 1);
}
console.log('\n✔ 全部检查通过');
