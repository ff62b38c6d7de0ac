import type { Deps } from '../../../services/deps';
import type { WebhookEvent, WorldTruth } from '../../../tools/strava-emulator';
import type { SmtpSink } from '../smtp-sink';
import { redisUrl } from '../test-env';
import type { ChaosWorld } from './chaos-world';
import { cleanRun, readDerivedNumbers } from './clean-run';
import { evaluateInvariants, type Expected, type InvariantResult, type Observed } from './invariants';
import type { ServiceSupervisor } from './service-supervisor';

const QUEUES = ['ingest', 'backfill', 'compute', 'notify'] as const;

/** Reads what the chaos run left: database rows, received mail, process exits. */
export async function observe(
  deps: Deps,
  smtp: SmtpSink,
  supervisor: ServiceSupervisor | null,
  gone: { stravaId: number; athleteId: string }[],
): Promise<Observed> {
  const inbox = await deps.db.query<Record<string, string>>(`select dedup_key, status from webhook_inbox`);
  const acts = await deps.db.query<{ id: string; name: string; private: boolean; owner: string }>(
    `select a.id::text as id, a.name, a.private, t.strava_athlete_id::text as owner
       from activity a join athlete t on t.id = a.athlete_id`,
  );
  const outbox = await deps.db.query<{ dedup_key: string; status: string }>(
    `select dedup_key, status from email_outbox where kind like '%alert%' and status <> 'cancelled'`,
  );
  const leftovers = new Map<number, string[]>();
  for (const g of gone) leftovers.set(g.stravaId, await leftoversOf(deps, g));
  const text = supervisor?.allOutput() ?? '';
  return {
    inbox: new Map(inbox.rows.map((r) => [r.dedup_key!, r.status!])),
    activities: new Map(
      acts.rows.map((r) => [r.id, { name: r.name, private: r.private, ownerStravaId: Number(r.owner) }]),
    ),
    derived: await readDerivedNumbers(deps.db),
    alertOutbox: new Map(outbox.rows.map((r) => [r.dedup_key, r.status])),
    mails: smtp.messages.flatMap((m) => {
      const key = m.parsed.headers.get('x-kneadwise-key');
      return typeof key === 'string' ? [{ key, messageId: m.parsed.messageId ?? '' }] : [];
    }),
    leftovers,
    unexpectedExits: (supervisor?.unexpectedExits ?? []).map(
      (e) => `${e.name} exited ${e.code}: ${e.stderrTail.slice(-300)}`,
    ),
    unhandledErrorLines: (text.match(/unhandledRejection|uncaughtException|UnhandledPromiseRejection/g) ?? [])
      .length,
  };
}

/** Rows in every table with an athlete_id, the athlete row, inbox rows and Redis jobs of one athlete. */
async function leftoversOf(deps: Deps, g: { stravaId: number; athleteId: string }): Promise<string[]> {
  const { rows: tables } = await deps.db.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'athlete_id'`,
  );
  const left: string[] = [];
  const count = async (place: string, sql: string, arg: string | number) => {
    const { rows } = await deps.db.query<{ n: number }>(sql, [arg]);
    if ((rows[0]?.n ?? 0) > 0) left.push(`${place}: ${rows[0]!.n}`);
  };
  for (const { table_name } of tables)
    await count(
      table_name,
      `select count(*)::int as n from ${table_name} where athlete_id = $1`,
      g.athleteId,
    );
  await count('athlete', 'select count(*)::int as n from athlete where strava_athlete_id = $1', g.stravaId);
  await count(
    'webhook_inbox',
    // Events arriving after the deletion are recorded 'dropped' ('unknown athlete') by design: the ack
    // path stores before it knows more, and inbox retention purges them. Anything else must be gone.
    `select count(*)::int as n from webhook_inbox where owner_id = $1
        and not (status = 'dropped' and last_error = 'unknown athlete')`,
    g.stravaId,
  );
  for (const name of QUEUES) {
    for (const state of ['waiting', 'delayed', 'prioritized', 'active', 'failed'] as const) {
      const jobs = await deps.queues.queue(name).getJobs([state]);
      const mine = jobs.filter((j) => JSON.stringify(j.data).includes(g.athleteId));
      if (mine.length > 0) left.push(`redis ${name}/${state} jobs: ${mine.map((j) => j.name).join(',')}`);
    }
  }
  return left;
}

/** The expected side: the emulator's world and, unless skipped, the independent clean run. */
export async function expectFromWorld(
  w: ChaosWorld,
  ackedEvents: WebhookEvent[],
  compareSeries: boolean,
  notifierWindowFaults = 0,
): Promise<Expected> {
  // The chaos is over: the clean run talks to a Strava without injected faults.
  w.emu.control.setFailures({ errorRate: 0, rateLimitRate: 0, timeoutRate: 0, latencyMs: 0 });
  const truth: WorldTruth = w.emu.control.truth();
  const connected = new Map([...w.connected].map(([id, a]) => [id, a.scopes]));
  const clean = compareSeries
    ? await cleanRun({
        emu: w.emu,
        emuUrl: w.emuUrl,
        truth,
        athletes: [...w.connected.values()],
        redisUrl: redisUrl(),
      })
    : null;
  return { truth, connected, ackedEvents, clean, notifierWindowFaults };
}

/** Athletes the world deauthorized, with the uuid they had in the service (their rows must be gone). */
export function deauthorizedOf(w: ChaosWorld, truth: WorldTruth) {
  const revoked = new Set(truth.athletes.filter((a) => a.scopes === null).map((a) => a.id));
  return [...w.connected.values()].filter((a) => revoked.has(a.stravaId));
}

/** Checks a finished chaos run (service processes stopped): expected from the world vs what was left. */
export async function checkChaosRun(
  w: ChaosWorld,
  opts: { ackedEvents: WebhookEvent[]; compareSeries?: boolean; notifierWindowFaults?: number },
): Promise<{ results: InvariantResult[]; expected: Expected; observed: Observed }> {
  const expected = await expectFromWorld(
    w,
    opts.ackedEvents,
    opts.compareSeries ?? true,
    opts.notifierWindowFaults ?? 0,
  );
  const observed = await observe(w.deps, w.smtp, w.supervisor, deauthorizedOf(w, expected.truth));
  return { results: evaluateInvariants(expected, observed), expected, observed };
}
