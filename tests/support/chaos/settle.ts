import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Deps } from '../../../services/deps';
import { formatInvariants, type InvariantResult } from './invariants';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 250 ms until it is true; false when `timeoutMs` passed first (never throws). */
export async function pollUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return true;
    await sleep(250);
  }
  return false;
}

export interface Backlog {
  openInbox: number;
  openEmails: number;
  jobs: number;
}

/** What is still to do: open inbox rows, unsent emails, and queued, delayed or running jobs. */
export async function backlog(deps: Deps): Promise<Backlog> {
  const { rows } = await deps.db.query<{ inbox: number; mail: number }>(
    `select (select count(*)::int from webhook_inbox where status in ('pending', 'enqueued')) as inbox,
            (select count(*)::int from email_outbox where status in ('pending', 'sending')) as mail`,
  );
  let jobs = 0;
  for (const name of ['ingest', 'backfill', 'compute', 'notify'] as const) {
    const c = await deps.queues
      .queue(name)
      .getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    jobs += Object.values(c).reduce((s, n) => s + n, 0);
  }
  return { openInbox: rows[0]?.inbox ?? 0, openEmails: rows[0]?.mail ?? 0, jobs };
}

/** Waits until nothing is left to do, seen twice in a row 1 s apart (a job may be between queues). */
export async function waitForQuiet(deps: Deps, timeoutMs: number): Promise<boolean> {
  let quietOnce = false;
  return pollUntil(async () => {
    const b = await backlog(deps);
    const quiet = b.openInbox === 0 && b.openEmails === 0 && b.jobs === 0;
    if (quiet && quietOnce) return true;
    quietOnce = quiet;
    if (quiet) await sleep(1000);
    return false;
  }, timeoutMs);
}

/** Where every scenario leaves its report; `npm run chaos:nightly` reads the .json files into one table. */
export const REPORT_DIR = process.env.CHAOS_REPORT_DIR ?? path.join(tmpdir(), 'kneadwise-chaos');

/** Prints the invariant table and keeps a copy in REPORT_DIR/<slug>.txt and .json (for the nightly table). */
export function reportInvariants(title: string, results: InvariantResult[], extra: string[] = []): string {
  const text = [formatInvariants(title, results), ...extra.map((l) => `  ${l}`)].join('\n');
  console.log(text);
  mkdirSync(REPORT_DIR, { recursive: true });
  const slug = title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  writeFileSync(path.join(REPORT_DIR, `${slug}.txt`), `${text}\n`);
  writeFileSync(path.join(REPORT_DIR, `${slug}.json`), JSON.stringify({ scenario: title, results, extra }));
  return text;
}

/** "settled: yes", or what was still left when the wait gave up (for the printed report). */
export async function settleNote(deps: Deps, settled: boolean, timeoutMs: number): Promise<string> {
  if (settled) return 'settled: yes';
  const left = await backlog(deps).catch((err: Error) => err.message);
  const jobs = await leftJobs(deps).catch((err: Error) => [err.message]);
  return `settled: NO within ${Math.round(timeoutMs / 1000)} s; left ${JSON.stringify(left)} ${jobs.join('; ')}`;
}

/** A few of the jobs still queued: which job, in which state, after how many attempts, why. */
async function leftJobs(deps: Deps): Promise<string[]> {
  const out: string[] = [];
  for (const name of ['ingest', 'backfill', 'compute', 'notify'] as const) {
    const jobs = await deps.queues.queue(name).getJobs(['waiting', 'active', 'delayed', 'prioritized'], 0, 4);
    for (const j of jobs) {
      const state = await j.getState();
      const wait = j.delay ? ` delay ${Math.round(j.delay / 1000)} s` : '';
      out.push(`${name}/${j.name} ${state} after ${j.attemptsMade} attempts${wait}: ${j.failedReason ?? ''}`);
    }
  }
  return out.slice(0, 5);
}
