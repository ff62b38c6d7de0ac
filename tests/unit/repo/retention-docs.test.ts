import { readFileSync } from 'node:fs';
import path from 'node:path';
import { retentionTableMarkdown } from '../../../db/retention-policy';

describe('retention documentation', () => {
  it('when reading the README, then its "what we store" table is the one db/retention-policy.ts generates', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    const normalise = (s: string) =>
      s
        .split('\n')
        .filter((l) => l.startsWith('|'))
        .map((l) => l.replace(/\s*\|\s*/g, '|').replace(/\|-+(?=\|)/g, '|-'))
        .join('\n');
    const section = readme.split(/^### What we store, from where, for how long$/m)[1]?.split(/^#/m)[0] ?? '';
    expect(normalise(section)).toBe(normalise(retentionTableMarkdown()));
  });
});
