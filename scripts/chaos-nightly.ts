/**
 * `npm run chaos:nightly`: every chaos scenario at full size (tests/chaos, one at a time, via Jest so the
 * suite's setup is the same as in CI), then one table of every invariant of every scenario: scenario,
 * invariant, expected, found, verdict. Each scenario leaves its results as JSON in a fresh report
 * directory; the exit code is non-zero if Jest failed or any invariant did.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Row {
  id: string;
  name: string;
  expected: number;
  found: number;
  pass: boolean;
}

const root = path.resolve(__dirname, '..');
const reportDir = mkdtempSync(path.join(tmpdir(), 'kneadwise-chaos-nightly-'));
const startedMs = Date.now();
const jest = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/jest/bin/jest.js'),
    '--config',
    'jest.chaos.config.js',
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC', CHAOS_REPORT_DIR: reportDir },
  },
);
const minutes = ((Date.now() - startedMs) / 60_000).toFixed(1);

const reports = readdirSync(reportDir)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) => JSON.parse(readFileSync(path.join(reportDir, f), 'utf8')) as { scenario: string; results: Row[] },
  );
const table = reports.flatMap((r) =>
  r.results.map((x) => [
    r.scenario,
    `${x.id} ${x.name}`,
    String(x.expected),
    String(x.found),
    x.pass ? 'PASS' : 'FAIL',
  ]),
);
const header = ['scenario', 'invariant', 'expected', 'found', 'verdict'];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
const failed = table.filter((row) => row[4] === 'FAIL').length;

console.log(`\nchaos nightly: ${reports.length} scenarios in ${minutes} min (reports in ${reportDir})`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of table) console.log(line(row));
console.log(`\n${failed} invariant(s) failing; jest exit code ${jest.status}`);
process.exit(failed > 0 || jest.status !== 0 ? 1 : 0);
