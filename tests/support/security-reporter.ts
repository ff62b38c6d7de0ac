/**
 * Jest reporter of `npm run test:security` (jest.security.config.js): after the run it prints
 * "attacks tried: N, held: N", where every test in tests/security is one attack and "held" counts the
 * ones whose defence held (the test passed). A skipped or todo test is not an attack tried.
 *
 * Convention for tests/security/*.test.ts (issue 15, and every later security finding):
 * - one file per area (accounts, links, operators, ...), one `describe` per finding, its name starting
 *   with the finding id: `describe('ASVS-15.2 login limiter race', ...)` for row 2 of issue 15,
 *   `'ASVS-15.held authorization matrix'` for an attack that already held when the issue was filed;
 * - each `it` reproduces the attack against the running app (supertest over real HTTP, or a real
 *   process) with real PostgreSQL and Redis, and asserts that it fails: name it after the attack,
 *   "when <the attacker does X>, then <what stops it>";
 * - a finding's test must fail when its fix is reverted (inject the defect once and see it fail).
 * The same files also run in the normal `npm test` (it picks up every tests/**\/*.test.ts).
 */
import type { AggregatedResult, Reporter } from '@jest/reporters';

export default class SecurityReporter implements Pick<Reporter, 'onRunComplete'> {
  onRunComplete(_contexts: unknown, results: AggregatedResult): void {
    const tried = results.numPassedTests + results.numFailedTests;
    const held = results.numPassedTests;
    const broken = results.testResults.flatMap((file) =>
      file.testResults.filter((t) => t.status === 'failed').map((t) => t.fullName),
    );
    for (const name of broken) process.stdout.write(`attack succeeded: ${name}\n`);
    process.stdout.write(`attacks tried: ${tried}, held: ${held}\n`);
  }
}
