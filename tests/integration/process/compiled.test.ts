import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { Pool } from 'pg';
import { build } from '../../../scripts/build';
import { dropQueueKeys } from '../../support/redis-cleanup';
import { ROOT, freePort, spawnNode, waitForStatus } from '../../support/spawn-service';
import { TEMPLATE_DB, adminUrl, databaseUrl, redisUrl } from '../../support/test-env';

/**
 * Production runs the compiled JavaScript (`npm run build`, then `node dist/services/main.js`), with
 * production dependencies only and no tsx. The build goes to a directory of its own inside the repository
 * (the compiled code finds node_modules and .env.local upwards), so parallel runs never share a dist/.
 */
jest.setTimeout(120_000);

const outDir = path.join(ROOT, 'artifacts', `dist-test-${randomUUID().slice(0, 8)}`);
const dbName = `kwtest_${Date.now()}_dist${randomUUID().slice(0, 6)}`;
const queuePrefix = `kwtest-${randomUUID().slice(0, 8)}`;
const admin = new Pool({ connectionString: adminUrl(), max: 1 });

beforeAll(async () => {
  build(outDir);
  await admin.query(`create database ${dbName} template ${TEMPLATE_DB}`);
});
afterAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  await dropQueueKeys(redisUrl(), queuePrefix);
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)));
}

/** The package names a compiled file requires (relative requires are our own files). */
function requiredPackages(file: string): string[] {
  const js = readFileSync(path.join(outDir, file), 'utf8');
  return [...js.matchAll(/require\("([^"]+)"\)/g)]
    .map((m) => m[1]!)
    .filter((spec) => !spec.startsWith('.'))
    .map((spec) =>
      (spec.startsWith('@') ? spec.split('/').slice(0, 2) : spec.split('/').slice(0, 1)).join('/'),
    );
}

describe('the compiled service (npm run build; npm start)', () => {
  it('holds the product only, with the files it reads at run time, and needs production dependencies only', () => {
    const files = filesUnder(outDir);
    const tops = new Set(files.map((f) => f.split(path.sep)[0]));
    expect([...tops].sort()).toEqual(['db', 'services', 'workers']);
    const migrations = readdirSync(path.join(ROOT, 'db', 'migrations'));
    for (const m of migrations) expect(files).toContain(path.join('db', 'migrations', m));
    expect(files).toContain(path.join('services', 'api', 'public', 'login.html'));
    expect(files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toBe(false);

    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
    const required = new Set(files.filter((f) => f.endsWith('.js')).flatMap(requiredPackages));
    const outside = [...required].filter((name) => !allowed.has(name.replace(/^node:/, '')));
    expect(outside).toEqual([]);
    expect(pkg.dependencies).not.toHaveProperty('tsx');
  });

  it('when started with node alone, then it migrates, serves pages and assets, and SIGTERM exits 0', async () => {
    const help = spawnNode([path.join(outDir, 'services', 'main.js'), '--help'], {});
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(/^Usage: /);

    const port = await freePort();
    const p = spawnNode([path.join(outDir, 'services', 'main.js')], {
      DATABASE_URL: databaseUrl(dbName),
      REDIS_URL: redisUrl(),
      QUEUE_PREFIX: queuePrefix,
      PORT: String(port),
      STARTUP_TIMEOUT_MS: '10000',
      LOG_LEVEL: 'warn',
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      expect(await waitForStatus(`${base}/healthz`, 200, 60_000)).toBe(200);
      expect(await waitForStatus(`${base}/readyz`, 200, 5_000)).toBe(200);
      const login = await fetch(`${base}/login`);
      expect(login.status).toBe(200);
      expect(await login.text()).toContain('<html');
      expect((await fetch(`${base}/assets/css/app.css`)).status).toBe(200);
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
    expect(p.stderr()).not.toMatch(/tsx|Cannot find module/);
  });
});
