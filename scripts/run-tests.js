// SPDX-License-Identifier: Apache-2.0
// Runs the whole vitest suite and ends with one plain line, "N passed, N failed, N skipped",
// so a reader (or CI) can tell at a glance that tests ran and how they went.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const report = join(mkdtempSync(join(tmpdir(), 'benchtop-tests-')), 'report.json');
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let summary = 'tests: no report was written (vitest did not finish)';
let exitCode = run.status ?? 1;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A file whose setup or teardown failed counts as one failure, though no test in it did.
  const brokenFiles = r.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
  ).length;
  const failed = r.numFailedTests + brokenFiles;
  summary = `tests: ${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
  if (r.numTotalTests === 0) summary += ' (no test ran: that is a failure)';
  // A skipped test must not pass as a green run.
  if (r.numTotalTests === 0 || skipped > 0) exitCode = 1;
} catch {
  exitCode = 1;
}
console.log(summary);
process.exitCode = exitCode;
