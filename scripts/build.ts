/**
 * `npm run build [-- <outDir>]`: compiles the product (services, workers, db; never tools/, tests/ or
 * scripts/) with tsconfig.build.json into dist/, then copies what the compiled code reads from disk next to
 * it, at the same relative paths as in the source tree: db/migrations (db/migrate.ts reads
 * `__dirname/migrations`) and services/api/public (the pages read `__dirname/../../public`). The output
 * directory is emptied first, so a file deleted from the source never lingers in the image.
 * The outDir must sit inside the repository: the compiled code finds node_modules and .env.local upwards.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
/** Source folders the compiled code reads at run time, copied verbatim. */
const RUNTIME_ASSETS = ['db/migrations', 'services/api/public'];

export function build(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`tsc failed (exit ${r.status ?? r.signal})`);
  for (const dir of RUNTIME_ASSETS) cpSync(path.join(ROOT, dir), path.join(outDir, dir), { recursive: true });
}

if (require.main === module) {
  const outDir = path.resolve(ROOT, process.argv[2] ?? 'dist');
  try {
    build(outDir);
    process.stdout.write(`built ${path.relative(ROOT, outDir) || '.'}\n`);
  } catch (err) {
    process.stderr.write(`build failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
