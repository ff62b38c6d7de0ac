import { stringifyJson, type StravaEmulator, type WebhookEvent } from '../../../services/strava-emulator';
import type { Deps } from '../../../services/deps';
import type { SmtpSink } from '../smtp-sink';
import type { ServiceSupervisor } from './service-supervisor';
import { compareWithFromScratch } from './series-oracle';

/** One of reliability.md section 8's global invariants, checked after a chaos run. */
export interface InvariantResult {
  id: 'I1' | 'I2' | 'I3' | 'I4' | 'I5';
  name: string;
  pass: boolean;
  detail: string;
}

export interface InvariantInput {
  deps: Deps;
  emu: StravaEmulator;
  /** Emulated athletes whose state must have converged (deleted athletes are checked by I4 instead). */
  stravaIds: number[];
  /** Events that got a 2xx from the service. */
  ackedEvents: WebhookEvent[];
  smtp?: SmtpSink;
  supervisor?: ServiceSupervisor;
  /** Athletes deleted after a verified deauthorization: everything of theirs must be gone. */
  deleted?: { athleteId: string; stravaId: number }[];
  /** Duplicate emails allowed: SIGKILLs that may have hit between SMTP 250 and the `sent` commit. */
  ambiguousWindowKills?: number;
  /** Compare daily series with a from-scratch recompute (I3). Default true. */
  checkSeries?: boolean;
}

/** I1: every acked event reached the inbox, and every inbox row reached a terminal state. */
async function noLoss(i: InvariantInput): Promise<InvariantResult> {
  const gone = new Set((i.deleted ?? []).map((d) => d.stravaId));
  const distinct = new Set(i.ackedEvents.filter((e) => !gone.has(e.owner_id)).map((e) => stringifyJson(e)));
  const { rows } = await i.deps.db.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from webhook_inbox group by 1',
  );
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
  const total = rows.reduce((s, r) => s + r.n, 0);
  const open = (by.pending ?? 0) + (by.enqueued ?? 0);
  const pass = total >= distinct.size && open === 0 && (by.failed ?? 0) === 0;
  return {
    id: 'I1',
    name: 'no loss',
    pass,
    detail: `${distinct.size} distinct acked events, ${total} inbox rows (${JSON.stringify(by)}); open ${open}, failed ${by.failed ?? 0}`,
  };
}

/** I2: for every activity, exists / title / private equals the emulator's final state. */
async function convergence(i: InvariantInput): Promise<InvariantResult> {
  const { rows } = await i.deps.db.query<{ id: string; name: string; private: boolean }>(
    'select id::text as id, name, private from activity',
  );
  const ours = new Map(rows.map((r) => [r.id, r]));
  let checked = 0;
  const wrong: string[] = [];
  for (const owner of i.stravaIds) {
    for (const a of i.emu.control.activities(owner)) {
      checked++;
      const mine = ours.get(a.plan.id.toString());
      if (a.deleted && mine) wrong.push(`${a.plan.id} deleted on Strava but stored`);
      else if (!a.deleted && !mine) wrong.push(`${a.plan.id} missing`);
      else if (mine && (mine.name !== a.name || mine.private !== a.private))
        wrong.push(`${a.plan.id} differs: "${mine.name}" vs "${a.name}"`);
    }
  }
  return {
    id: 'I2',
    name: 'convergence',
    pass: wrong.length === 0,
    detail: `${checked} activities compared, ${wrong.length} differ${wrong.length ? `: ${wrong.slice(0, 5).join('; ')}` : ''}`,
  };
}

/** I3: no duplicate rows, series equal a from-scratch recompute, one email per alert key (bar the window). */
async function noDuplicates(i: InvariantInput): Promise<InvariantResult> {
  const q = async (sql: string) => (await i.deps.db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
  const dupAlerts = await q(
    `select count(*)::int as n from (select 1 from alert group by athlete_id, rule_id, body_area, local_date having count(*) > 1) d`,
  );
  const dupSeries = await q(
    `select count(*)::int as n from (select 1 from daily_series group by athlete_id, day having count(*) > 1) d`,
  );
  const series = i.checkSeries === false ? null : await compareWithFromScratch(i.deps);
  const mail = i.smtp ? await emailCounts(i) : null;
  const allowed = i.ambiguousWindowKills ?? 0;
  const pass =
    dupAlerts === 0 &&
    dupSeries === 0 &&
    (series?.differences ?? 0) === 0 &&
    (mail === null || (mail.lost === 0 && mail.duplicated <= allowed));
  const parts = [`duplicate alert keys ${dupAlerts}`, `duplicate series days ${dupSeries}`];
  if (series)
    parts.push(`series vs from-scratch: ${series.days} days, ${series.differences} differ${series.sample}`);
  if (mail)
    parts.push(
      `alert emails: ${mail.keys} keys, ${mail.messages} messages, lost ${mail.lost}, duplicated ${mail.duplicated} (allowed ${allowed}: kills in the 250->commit window)`,
    );
  return { id: 'I3', name: 'no duplicates', pass, detail: parts.join('; ') };
}

/** Outbox rows that must have been delivered vs. what the SMTP sink received, by X-Kneadwise-Key. */
async function emailCounts(i: InvariantInput) {
  const { rows } = await i.deps.db.query<{ dedup_key: string; status: string }>(
    `select dedup_key, status from email_outbox where kind like '%alert%'`,
  );
  const received = new Map<string, number>();
  for (const m of i.smtp!.messages) {
    const key = m.parsed.headers.get('x-kneadwise-key');
    if (typeof key === 'string') received.set(key, (received.get(key) ?? 0) + 1);
  }
  const due = rows.filter((r) => r.status !== 'cancelled');
  const lost = due.filter((r) => r.status !== 'sent' || !received.has(r.dedup_key)).length;
  const duplicated = [...received.values()].filter((n) => n > 1).reduce((s, n) => s + n - 1, 0);
  return { keys: due.length, messages: i.smtp!.messages.length, lost, duplicated };
}

/** I4: after a verified deauthorization, 0 rows anywhere and 0 Redis jobs mention the athlete. */
async function deletion(i: InvariantInput): Promise<InvariantResult> {
  if (!i.deleted?.length)
    return { id: 'I4', name: 'deletion', pass: true, detail: 'no athlete deleted in this run' };
  const { rows: tables } = await i.deps.db.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'athlete_id'`,
  );
  const left: string[] = [];
  for (const d of i.deleted) {
    for (const { table_name } of tables) {
      const { rows } = await i.deps.db.query<{ n: number }>(
        `select count(*)::int as n from ${table_name} where athlete_id = $1`,
        [d.athleteId],
      );
      if ((rows[0]?.n ?? 0) > 0) left.push(`${table_name}: ${rows[0]!.n}`);
    }
    const inbox = await i.deps.db.query('select 1 from webhook_inbox where owner_id = $1', [d.stravaId]);
    if (inbox.rowCount) left.push(`webhook_inbox: ${inbox.rowCount}`);
    const jobs = await redisJobsMentioning(i.deps, d.athleteId);
    if (Object.keys(jobs).length > 0) left.push(`redis jobs ${JSON.stringify(jobs)}`);
  }
  return {
    id: 'I4',
    name: 'deletion',
    pass: left.length === 0,
    detail: `${i.deleted.length} athlete(s) deleted; ${tables.length + 2} places checked; left: ${left.join(', ') || 'nothing'}`,
  };
}

/** Jobs still held in Redis (waiting, delayed, running or failed) whose payload names the athlete. */
async function redisJobsMentioning(deps: Deps, athleteId: string): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const name of ['ingest', 'backfill', 'compute', 'notify'] as const) {
    for (const state of ['waiting', 'delayed', 'prioritized', 'active', 'failed'] as const) {
      const jobs = await deps.queues.queue(name).getJobs([state]);
      const n = jobs.filter((j) => JSON.stringify(j.data).includes(athleteId)).length;
      if (n > 0) found[`${name}/${state}`] = (found[`${name}/${state}`] ?? 0) + n;
    }
  }
  return found;
}

/** I5: no process exit we did not cause, no unhandled rejection or uncaught exception in any output. */
function noCrash(i: InvariantInput): InvariantResult {
  const exits = i.supervisor?.unexpectedExits ?? [];
  const text = i.supervisor?.allOutput() ?? '';
  const unhandled = (text.match(/unhandledRejection|uncaughtException|UnhandledPromiseRejection/g) ?? [])
    .length;
  return {
    id: 'I5',
    name: 'no crash',
    pass: exits.length === 0 && unhandled === 0,
    detail: `${i.supervisor?.kills ?? 0} kills by us, ${exits.length} unexpected exits${exits.length ? ` (${exits.map((e) => `${e.name}: ${e.code} ${e.stderrTail.slice(-300)}`).join(' | ')})` : ''}, ${unhandled} unhandled-error lines`,
  };
}

/** Runs I1–I5 and returns them; `printInvariants` shows them. */
export async function checkInvariants(i: InvariantInput): Promise<InvariantResult[]> {
  return [await noLoss(i), await convergence(i), await noDuplicates(i), await deletion(i), noCrash(i)];
}

export function formatInvariants(title: string, results: InvariantResult[]): string {
  const lines = results.map((r) => `  ${r.id} ${r.name.padEnd(14)} ${r.pass ? 'PASS' : 'FAIL'}  ${r.detail}`);
  return [`chaos invariants: ${title}`, ...lines].join('\n');
}

export function printInvariants(title: string, results: InvariantResult[]): void {
  process.stdout.write(`${formatInvariants(title, results)}\n`);
}
