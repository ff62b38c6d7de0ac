import { stringifyJson, type WebhookEvent, type WorldTruth } from '../../../tools/strava-emulator';
import { parseWebhookEvent, webhookDedupKey } from '../../../services/strava/webhook-event';
import type { DerivedNumbers } from './clean-run';

/**
 * One invariant after a chaos run: what it must be and what was found. Every invariant here counts
 * something the schema does NOT already forbid, and each has a mutation test that injects the defect it
 * guards against and sees it fail (tests/unit/chaos/invariants-mutation.test.ts and
 * tests/integration/chaos-reduced/checker-injection.test.ts).
 */
export interface InvariantResult {
  id: string;
  name: string;
  expected: number;
  found: number;
  pass: boolean;
  detail: string;
}

/** What the chaos run left behind, read from the service's database, the SMTP sink and the supervisor. */
export interface Observed {
  /** Inbox rows: dedup key (see `eventKey`) -> status. */
  inbox: Map<string, string>;
  /** Stored activities by Strava activity id. */
  activities: Map<string, { name: string; private: boolean; ownerStravaId: number }>;
  derived: DerivedNumbers;
  /** Alert emails the outbox holds (not cancelled): dedup key -> status. */
  alertOutbox: Map<string, string>;
  /** X-Kneadwise-Key and Message-ID of every message the SMTP sink received, one entry per message. */
  mails: { key: string; messageId: string }[];
  /** Per deauthorized athlete (Strava id): places where something of theirs is left. */
  leftovers: Map<number, string[]>;
  unexpectedExits: string[];
  unhandledErrorLines: number;
}

/** What must be true, from outside the system under test. */
export interface Expected {
  truth: WorldTruth;
  /** Athletes the run connected (Strava id -> scopes); deauthorized ones included. */
  connected: Map<number, string[]>;
  /** Events that got a 2xx from the service. */
  ackedEvents: WebhookEvent[];
  /** The independent clean run's numbers; null when the scenario does not compare series. */
  clean: DerivedNumbers | null;
  /**
   * Faults that can land between SMTP's "250 OK" and the outbox commit (worker SIGKILLs, PostgreSQL
   * crashes): no protocol closes that window (reliability.md 3.2), so each may re-send one message, with
   * the same Message-ID (mail stores collapse it). I3d allows at most this many re-sends and counts them.
   */
  notifierWindowFaults: number;
}

/**
 * The inbox's identity of an event (what Strava's retries and our duplicates share): the product's own
 * dedup key of the event as sent. The stored columns are not used: `event_time` is clamped on receipt
 * (services/strava/event-time.ts), so a key rebuilt from them would not match the event that was acked.
 */
export function eventKey(e: WebhookEvent): string {
  const parsed = parseWebhookEvent(stringifyJson(e)); // as the sender posts it
  if (!parsed.ok) throw new Error(`chaos plan sent an invalid event: ${parsed.reason}`);
  return webhookDedupKey(parsed.event);
}

const result = (id: string, name: string, found: number, detail: string): InvariantResult => ({
  id,
  name,
  expected: 0,
  found,
  pass: found === 0,
  detail,
});

const sample = (items: string[]) => (items.length ? `: ${items.slice(0, 4).join('; ')}` : '');

function deauthorized(x: Expected): Set<number> {
  const revoked = new Set(x.truth.athletes.filter((a) => a.scopes === null).map((a) => a.id));
  return new Set([...x.connected.keys()].filter((id) => revoked.has(id)));
}

/** I1: every acked event has an inbox row in a terminal state (not pending, enqueued or failed). */
function lostEvents(x: Expected, o: Observed): InvariantResult {
  const gone = deauthorized(x);
  const keys = new Set(x.ackedEvents.filter((e) => !gone.has(e.owner_id)).map(eventKey));
  const lost: string[] = [];
  for (const k of keys) {
    const status = o.inbox.get(k);
    if (status === undefined) lost.push(`${k} never stored`);
    else if (!['done', 'dropped'].includes(status)) lost.push(`${k} left ${status}`);
  }
  return result('I1', 'lost events', lost.length, `${keys.size} distinct acked events${sample(lost)}`);
}

/** I2: stored activities equal the world: none it deleted or hides, none missing, same title and privacy. */
function convergence(x: Expected, o: Observed): InvariantResult[] {
  const live = new Set([...x.connected.keys()].filter((id) => !deauthorized(x).has(id)));
  const present: string[] = [];
  const missing: string[] = [];
  const stale: string[] = [];
  const known = new Set<string>();
  for (const t of x.truth.activities) {
    if (!live.has(t.athleteId)) continue;
    const id = t.id.toString();
    known.add(id);
    const mine = o.activities.get(id);
    if (!t.visible && mine) present.push(`${id} ${t.deleted ? 'deleted' : 'private without read_all'}`);
    else if (t.visible && !mine) missing.push(id);
    else if (mine && (mine.name !== t.name || mine.private !== t.private))
      stale.push(`${id} "${mine.name}"/${mine.private} vs "${t.name}"/${t.private}`);
  }
  for (const id of o.activities.keys()) if (!known.has(id)) present.push(`${id} unknown to the world`);
  const checked = `${known.size} world activities of ${live.size} athletes`;
  return [
    result('I2a', 'present but deleted/hidden by the world', present.length, `${checked}${sample(present)}`),
    result('I2b', 'held by the world but missing', missing.length, `${checked}${sample(missing)}`),
    result('I2c', 'title/privacy differ from the world', stale.length, `${checked}${sample(stale)}`),
  ];
}

/**
 * I3: alert emails exactly once. I3a: no alert email arrives as two different messages (distinct
 * Message-IDs for one outbox key): the bar is 0, with no allowance. I3b: every due alert email arrives.
 * I3d: copies of one and the same message (same Message-ID) re-sent after a fault in the 250 -> commit
 * window, at most one per such fault.
 */
function emails(x: Expected, o: Observed): InvariantResult[] {
  const idsByKey = new Map<string, Map<string, number>>();
  for (const m of o.mails) {
    const ids = idsByKey.get(m.key) ?? new Map<string, number>();
    ids.set(m.messageId, (ids.get(m.messageId) ?? 0) + 1);
    idsByKey.set(m.key, ids);
  }
  const distinct = [...idsByKey].filter(([, ids]) => ids.size > 1);
  const extraMessages = distinct.reduce((s, [, ids]) => s + ids.size - 1, 0);
  const resent = [...idsByKey].flatMap(([k, ids]) =>
    [...ids].filter(([, n]) => n > 1).map(([id, n]) => ({ k, id, copies: n - 1 })),
  );
  const resentCopies = resent.reduce((s, r) => s + r.copies, 0);
  const lost = [...o.alertOutbox].filter(([k, status]) => status !== 'sent' || !idsByKey.has(k));
  const summary = `${o.alertOutbox.size} alert emails due, ${o.mails.length} messages received`;
  return [
    result(
      'I3a',
      'duplicate emails (distinct messages per alert email)',
      extraMessages,
      `${summary}${sample(distinct.map(([k, ids]) => `${k} x${ids.size}`))}`,
    ),
    result('I3b', 'lost alert emails', lost.length, `${summary}${sample(lost.map(([k, s]) => `${k} ${s}`))}`),
    {
      ...result(
        'I3d',
        're-sent copies of one message (same Message-ID)',
        resentCopies,
        `${sample(resent.map((r) => `${r.k} ${r.id} +${r.copies}`))}`,
      ),
      expected: x.notifierWindowFaults,
      pass: resentCopies <= x.notifierWindowFaults,
    },
  ];
}

function diffMaps(ours: Map<string, string>, clean: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of clean)
    if (ours.get(k) !== v) out.push(`${k}: ${ours.get(k) ?? 'absent'} vs clean ${v}`);
  for (const [k, v] of ours) if (!clean.has(k)) out.push(`${k}: ${v} vs clean absent`);
  return out;
}

/** I3c: per-activity metrics and daily series equal the independent clean run, row by row (9 decimals). */
function seriesEqualClean(x: Expected, o: Observed): InvariantResult | null {
  if (!x.clean) return null;
  const metrics = diffMaps(o.derived.metrics, x.clean.metrics);
  const series = diffMaps(o.derived.series, x.clean.series);
  return result(
    'I3c',
    'metrics/series differ from clean run',
    metrics.length + series.length,
    `${x.clean.metrics.size} activity metrics, ${x.clean.series.size} series days in the clean run; ${metrics.length} metrics and ${series.length} days differ${sample([...metrics, ...series])}`,
  );
}

/** I4: after a deauthorization the world performed, nothing of that athlete is left anywhere. */
function deletion(x: Expected, o: Observed): InvariantResult {
  const gone = [...deauthorized(x)];
  const left = gone.flatMap((id) => (o.leftovers.get(id) ?? []).map((p) => `${id} ${p}`));
  return result(
    'I4',
    'rows left after deauthorization',
    left.length,
    `${gone.length} athlete(s) deauthorized${sample(left)}`,
  );
}

/** I5: no process exit we did not cause, no unhandled rejection or uncaught exception logged. */
function crashes(o: Observed): InvariantResult {
  const found = o.unexpectedExits.length + o.unhandledErrorLines;
  return result(
    'I5',
    'crashes',
    found,
    `${o.unexpectedExits.length} unexpected exits, ${o.unhandledErrorLines} unhandled-error lines${sample(o.unexpectedExits)}`,
  );
}

/** Every invariant, from the expected state (outside the system) and what the system left. Pure. */
export function evaluateInvariants(x: Expected, o: Observed): InvariantResult[] {
  const series = seriesEqualClean(x, o);
  return [
    lostEvents(x, o),
    ...convergence(x, o),
    ...emails(x, o),
    ...(series ? [series] : []),
    deletion(x, o),
    crashes(o),
  ];
}

export function formatInvariants(title: string, results: InvariantResult[]): string {
  const lines = results.map(
    (r) =>
      `  ${r.id.padEnd(4)} ${r.name.padEnd(40)} expected ${r.expected} found ${String(r.found).padEnd(5)} ${r.pass ? 'PASS' : 'FAIL'}  ${r.detail}`,
  );
  return [`chaos invariants: ${title}`, ...lines].join('\n');
}
