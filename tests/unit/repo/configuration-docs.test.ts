import { readFileSync } from 'node:fs';
import path from 'node:path';
import { envSchema } from '../../../services/config/schema';

const root = path.resolve(__dirname, '../../..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
const schemaVars = Object.keys(envSchema.shape).sort();

describe('configuration documentation', () => {
  it('when reading .env.example, then it lists exactly the config module variables', () => {
    const vars = [...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect([...new Set(vars)].sort()).toEqual(schemaVars);
  });

  it('when reading the README configuration table, then it lists exactly the config module variables', () => {
    const readme = read('README.md');
    const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
    const vars = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` *\|/gm)].map((m) => m[1]!);
    expect(vars.sort()).toEqual(schemaVars);
  });

  it('when reading the README quick start, then it has exactly two commands', () => {
    const readme = read('README.md');
    const quick = readme.split(/^## Quick start$/m)[1]?.split(/^## /m)[0] ?? '';
    const block = quick.match(/```(?:sh|bash)\n([\s\S]*?)```/)?.[1] ?? '';
    const commands = block.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
    expect(commands).toHaveLength(2);
  });
});
