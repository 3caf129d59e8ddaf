// The npm package packed and installed into a new, empty project, as a portal team would.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pack } from '../../scripts/package.mjs';

/** Packs the package and installs it into a new project; resolves to its path and npm's report. */
export async function installed() {
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-portal-'));
  const report = await pack(dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'portal', private: true, type: 'module' }));
  const npm = spawnSync('npm', ['install', path.join(dir, report.filename), '--offline', '--no-audit', '--no-fund', '--ignore-scripts'],
    { cwd: dir, encoding: 'utf8' });
  assert.equal(npm.status, 0, npm.stderr);
  return { dir, report };
}
