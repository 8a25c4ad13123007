// `npm test`: the system tools the tests need, build, type-check, run vitest, then print one plain closing line "N passed, N failed" (CI reads it).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureTestTools } from './test-tools.mjs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

// GDAL, PostGIS, PROJ, Chromium and zip: installed when missing (as root), else the one line to run is named
if (!ensureTestTools()) {
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}
if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
if (run(npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) {
  console.error('type check failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = '.vitest-report.json';
rmSync(report, { force: true });
const status = run(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
} else {
  console.log('tests: 0 passed, 1 failed');
}
process.exit(status);
