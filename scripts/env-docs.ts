/**
 * Prints the configuration table (Markdown, for the README) or .env.example from the config schema, so
 * the three never drift: `npx tsx scripts/env-docs.ts table|example`. A test checks they agree.
 */
import { envSchema } from '../services/config/schema';

function defaultOf(field: unknown): string {
  const def = (field as { _zod?: { def?: { defaultValue?: unknown } } })._zod?.def?.defaultValue;
  const value: unknown = typeof def === 'function' ? (def as () => unknown)() : def;
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const rows = Object.entries(envSchema.shape).map(([name, field]) => ({
  name,
  def: defaultOf(field),
  description: field.description ?? '',
}));

if (process.argv[2] === 'example') {
  for (const r of rows) {
    process.stdout.write(`# ${r.description}\n${r.def === '' ? '# ' : ''}${r.name}=${r.def}\n\n`);
  }
} else {
  process.stdout.write('| Variable | Default | Meaning |\n|---|---|---|\n');
  for (const r of rows)
    process.stdout.write(
      `| \`${r.name}\` | ${r.def === '' ? '(none)' : `\`${r.def}\``} | ${r.description} |\n`,
    );
}
