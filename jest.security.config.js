/**
 * `npm run test:security`: the attack suite of issue 15, tests/security/*.test.ts, each test one attack
 * against the running app with real PostgreSQL and Redis. The reporter (tests/support/security-reporter.ts,
 * which also documents the naming convention) prints "attacks tried: N, held: N" at the end. The same
 * files run in `npm test` too. tsx lets Jest load the TypeScript reporter.
 */
require('tsx/cjs');
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/tests/security'],
  reporters: ['default', '<rootDir>/tests/support/security-reporter.ts'],
};
