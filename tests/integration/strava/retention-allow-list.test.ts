import { RETENTION_POLICY } from '../../../db/retention-policy';
import { QUEUE_NAMES } from '../../../services/queue/catalogue';
import { jobRunner } from '../../../workers/job-runners';
import { createIngestWorld, waitFor, type IngestWorld } from '../ingest/ingest-world';

jest.setTimeout(180_000);

const DAY_MS = 86_400_000;
const WORKED = QUEUE_NAMES.filter((q) => q !== 'maintenance');

/**
 * The 7-day rule for every raw field (issue 14 part 4): the live schema must match db/retention-policy.ts
 * column for column (so a column added later cannot silently keep raw data), and after 8 days every
 * column classified as raw Strava data is cleared, and no stored text anywhere still holds a title.
 */
describe('retention allow-list', () => {
  let w: IngestWorld;
  let athleteId: string;
  let titles: string[];

  beforeAll(async () => {
    w = await createIngestWorld({ listen: true });
    await w.subscribe();
    const stravaId = w.emu.control.createAthlete({ profile: 'triathlete', seed: 21, historyDays: 6 }).id;
    athleteId = await w.connect(stravaId);
    await w.startWorkers(WORKED);
    await w.deps.queues.enqueue('backfill-athlete', { athleteId });
    const truth = w.emu.control.activities(stravaId);
    titles = truth.map((a) => a.name).filter((t) => t.length >= 6);
    await waitFor(
      'history imported with streams',
      async () => {
        const { rows } = await w.deps.db.query<{ n: number; pending: number }>(
          `select count(*)::int as n, count(*) filter (where streams_status = 'pending')::int as pending
           from activity where athlete_id = $1`,
          [athleteId],
        );
        return rows[0]!.n === truth.length && rows[0]!.pending === 0;
      },
      120_000,
    );
    // An alert email that quoted a title, and a processed webhook event that carried one.
    await w.deps.db.query(
      `insert into email_outbox (dedup_key, athlete_id, kind, recipient, subject, text_body, html_body, status, sent_at)
       values ('alert-x', $1, 'alert', 'a@example.test', 'Recovery suggestion', $2, $2, 'sent', now())`,
      [athleteId, `How hard was "${titles[0]}"?`],
    );
    await w.deps.db.query(
      `insert into webhook_inbox (dedup_key, object_type, object_id, aspect_type, owner_id, event_time, updates, status)
       values ('k1', 'activity', 1, 'update', $1, 1, $2, 'done')`,
      [stravaId, JSON.stringify({ title: titles[0] })],
    );
  });
  afterAll(() => w.close());

  it('when the schema is read, then every column of every table has a retention decision, and no decision names a column that does not exist', async () => {
    const { rows } = await w.deps.db.query<{ t: string; c: string }>(
      `select table_name as t, column_name as c from information_schema.columns where table_schema = 'public'`,
    );
    const live = new Map<string, string[]>();
    for (const r of rows) live.set(r.t, [...(live.get(r.t) ?? []), r.c]);
    const decided = Object.fromEntries(
      Object.entries(RETENTION_POLICY).map(([t, p]) => [
        t,
        [...p.stravaRaw, ...Object.keys(p.stravaKept), ...p.ours].sort(),
      ]),
    );
    expect(Object.fromEntries([...live].map(([t, cs]) => [t, cs.sort()]))).toEqual(decided);
  });

  it('when 8 days have passed and the purge ran, then every raw Strava column is cleared and no stored text holds a title', async () => {
    expect(titles.length).toBeGreaterThan(3);
    w.emu.control.advanceClock(8 * DAY_MS);
    await jobRunner('purge-raw-data')({}, w.deps, { jobId: 'p', attemptsMade: 0, log: w.deps.logger });
    const left: string[] = [];
    for (const [table, policy] of Object.entries(RETENTION_POLICY)) {
      for (const column of policy.stravaRaw) {
        const { rows } = await w.deps.db.query<{ n: number }>(
          `select count(*)::int as n from ${table}
           where ${column} is not null and ${column}::text not in ('', '{}', 'null', '[]')`,
        );
        if (rows[0]!.n > 0) left.push(`${table}.${column}: ${rows[0]!.n} rows`);
      }
    }
    expect(left).toEqual([]);
    const { rows: textColumns } = await w.deps.db.query<{ t: string; c: string }>(
      `select table_name as t, column_name as c from information_schema.columns
       where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    const found: string[] = [];
    for (const { t, c } of textColumns) {
      const { rows } = await w.deps.db.query<{ n: number }>(
        `select count(*)::int as n from ${t} where ${c}::text like any($1::text[])`,
        [titles.map((x) => `%${x.replace(/[%_\\]/g, '\\$&')}%`)],
      );
      if (rows[0]!.n > 0) found.push(`${t}.${c}`);
    }
    expect(found).toEqual([]);
  });
});
