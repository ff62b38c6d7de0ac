/**
 * Dashboard bench: `npx tsx tools/bench/dashboard.ts` (npm run bench:dashboard).
 * Seeds 100 athletes x 3 years (activities, activity_metric with area loads, daily_series) and one coach
 * linked to all of them into a fresh database, serves the real app on loopback, and times sequential
 * requests (one at a time: latency, not throughput) to the coach overview, an athlete's API calls and
 * page, and /healthz as the same-run baseline. Target: overview and athlete page API <= 50 ms p95.
 * Env: BENCH_PG_URL (admin URL of the PostgreSQL to create the bench database in), BENCH_REQUESTS (200),
 * BENCH_KEEP=1 keeps the database.
 */
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { buildApp } from '../../services/api/app';
import { loadConfig } from '../../services/config';
import { createLogger } from '../../services/logger';
import { buildDeps, closeDeps } from '../../services/runtime';
import { hashPassword } from '../../services/accounts/password-hash';
import { seedHistory } from '../../tests/integration/dashboard/support/seed';
import { insertAthlete, linkCoach, sessionFor } from '../../tests/integration/dashboard/support/world';

export const TARGET_P95_MS = 50;
const ATHLETES = 100;
const DAYS = 3 * 365;

export interface EndpointRow {
  name: string;
  path: string;
  p50Ms: number;
  p95Ms: number;
  ratioToHealthz: number;
  target: boolean;
}

export interface DashboardBenchResult {
  rows: EndpointRow[];
  seededActivities: number;
  pass: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(
  url: string,
  cookie: string | undefined,
  n: number,
): Promise<{ p50: number; p95: number }> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  for (let i = 0; i < 20; i++) await (await fetch(url, { headers })).arrayBuffer();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Seeds, serves and measures; returns the table (also printed by the CLI entry). */
export async function runDashboardBench(
  opts: { requests?: number; keep?: boolean } = {},
): Promise<DashboardBenchResult> {
  const admin = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `kneadwise_bench_${Date.now()}`;
  const dbUrl = new URL(admin);
  dbUrl.pathname = `/${dbName}`;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl.toString(),
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: `kwbench-${Date.now()}`,
    METRICS_ENABLED: 'false',
  });
  const deps = await buildDeps(config, createLogger('warn'), { migrate: true });
  const server = buildApp(deps).listen(0, '127.0.0.1');
  try {
    const { rows: coachRows } = await deps.db.query<{ id: string }>(
      `insert into app_user (role, email, display_name, password_hash) values ('coach', 'bench@example.test', 'Bench Coach', $1) returning id`,
      [await hashPassword('bench passphrase 2026')],
    );
    const coachId = coachRows[0]!.id;
    const today = new Date().toISOString().slice(0, 10);
    let seeded = 0;
    const athleteIds: { athleteId: string; userId: string }[] = [];
    for (let i = 0; i < ATHLETES; i++) {
      const a = await insertAthlete(deps, { firstname: `Athlete${String(i).padStart(3, '0')}` });
      const { activityIds } = await seedHistory(deps.db, a.athleteId, {
        endDate: today,
        days: DAYS,
        loadOf: (d) => ((d + i) % 7 === 6 ? 0 : 30 + ((d * 31 + i * 17) % 90)),
      });
      seeded += activityIds.length;
      await linkCoach(deps, coachId, a.athleteId);
      athleteIds.push(a);
    }
    await deps.db.query('analyze');
    const coach = await sessionFor(deps, { userId: coachId, role: 'coach' });
    const one = athleteIds[42]!;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const n = opts.requests ?? Number(process.env.BENCH_REQUESTS ?? 200);
    const cases: [string, string, boolean][] = [
      ['healthz (baseline)', '/healthz', false],
      ['coach overview API', '/api/coach/overview', true],
      ['athlete summary API', `/api/athletes/${one.athleteId}`, true],
      ['athlete series API (6 months)', `/api/athletes/${one.athleteId}/series?range=6m`, true],
      ['athlete series API (3 years)', `/api/athletes/${one.athleteId}/series?range=3y`, false],
      ['athlete activities API', `/api/athletes/${one.athleteId}/activities`, true],
      ['athlete alerts API', `/api/athletes/${one.athleteId}/alerts`, true],
      ['athlete page HTML', `/athletes/${one.athleteId}`, true],
      ['coach page HTML', '/coach', true],
    ];
    const measured: { name: string; path: string; p50: number; p95: number; target: boolean }[] = [];
    for (const [name, path, target] of cases) {
      measured.push({
        name,
        path,
        target,
        ...(await time(`${base}${path}`, path === '/healthz' ? undefined : coach.cookie, n)),
      });
    }
    const baseline = measured[0]!.p95;
    const rows = measured.map((m) => ({
      name: m.name,
      path: m.path,
      p50Ms: m.p50,
      p95Ms: m.p95,
      ratioToHealthz: m.p95 / baseline,
      target: m.target,
    }));
    return { rows, seededActivities: seeded, pass: rows.every((r) => !r.target || r.p95Ms <= TARGET_P95_MS) };
  } finally {
    server.close();
    await closeDeps(deps);
    if (!(opts.keep ?? process.env.BENCH_KEEP === '1')) {
      const pool = new Pool({ connectionString: admin, max: 1 });
      await pool.query(`drop database if exists ${dbName} with (force)`).finally(() => pool.end());
    }
  }
}

function printTable(r: DashboardBenchResult): void {
  console.log(
    `\nDashboard bench: ${ATHLETES} athletes x ${DAYS} days (${r.seededActivities} activities), sequential requests\n`,
  );
  console.log(
    `${'endpoint'.padEnd(32)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'x healthz'.padStart(11)}  target`,
  );
  for (const row of r.rows) {
    const verdict = row.target
      ? row.p95Ms <= TARGET_P95_MS
        ? `PASS (<= ${TARGET_P95_MS} ms p95)`
        : `FAIL (> ${TARGET_P95_MS} ms p95)`
      : '-';
    console.log(
      `${row.name.padEnd(32)}${row.p50Ms.toFixed(1).padStart(9)}${row.p95Ms.toFixed(1).padStart(9)}${row.ratioToHealthz.toFixed(1).padStart(11)}  ${verdict}`,
    );
  }
  console.log(
    `\n${r.pass ? 'PASS' : 'FAIL'}: coach overview and athlete page ${r.pass ? 'within' : 'over'} ${TARGET_P95_MS} ms p95\n`,
  );
}

if (require.main === module) {
  runDashboardBench()
    .then((r) => {
      printTable(r);
      process.exitCode = r.pass ? 0 : 1;
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
