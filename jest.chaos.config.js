/**
 * `npm run test:chaos`: the fault-injection suite at full size (issue 8 part 3), tests/chaos/*.test.ts.
 * Runs one file at a time: each scenario already loads the 2-core machine with several service
 * processes, and parallel files would only measure each other. The reduced sizes of the same scenarios
 * run in `npm test` (tests/integration/chaos-reduced).
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/tests/chaos'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 60 * 60_000,
};
