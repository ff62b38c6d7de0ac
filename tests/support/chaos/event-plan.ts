import {
  createPrng,
  type StravaEmulator,
  type WebhookEvent,
  type WorkoutKind,
} from '../../../tools/strava-emulator';
import { SUBSCRIPTION_ID } from './chaos-world';

export interface EventPlan {
  /** What the sender posts: unique events plus exact duplicates, shuffled. */
  events: WebhookEvent[];
  uniqueEvents: number;
  duplicates: number;
  activities: number;
  updates: number;
  deletes: number;
  privacyChanges: number;
  /** Athletes that revoked the app on Strava (their `authorized: "false"` event is in `events`). */
  deauthorized: number[];
}

const KINDS: WorkoutKind[] = ['easy-run', 'tempo-run', 'trail-run', 'interval-run', 'ride-power', 'hike'];

/**
 * Builds the emulated athletes' final state on the emulator and the webhook events Strava would have sent
 * for it: one create per activity, title updates, privacy flips and deletions for ~18 % of them (each later in
 * event_time than the create), privacy flips for ~25 % of the edits (an update with `private`, or for an
 * athlete without activity:read_all a delete/create, as Strava sends them), optional deauthorizations, plus one race in the last two days per athlete so alert rules fire. Then
 * `duplicateShare` of the total are exact copies of random events, and everything is shuffled
 * (seeded, so a failing run can be replayed). The emulator has no subscription here: the chaos sender
 * delivers these events itself, in the shuffled order.
 */
export function buildEventPlan(
  emu: StravaEmulator,
  stravaIds: number[],
  opts: {
    totalEvents: number;
    duplicateShare: number;
    seed: number;
    historyDays?: number;
    /** False: creates only (no title edits or deletions), not shuffled, e.g. for throughput. */
    edits?: boolean;
    /** Athletes that granted only activity:read: a privacy flip reaches us as a delete or a create. */
    limited?: number[];
    /** Athletes that revoke the app once their activities exist (the event is shuffled in with the rest). */
    deauthorize?: number[];
  },
): EventPlan {
  const prng = createPrng(`chaos-plan/${opts.seed}`);
  const edits = opts.edits ?? true;
  const unique = Math.round(opts.totalEvents * (1 - opts.duplicateShare));
  const activityCount = Math.max(
    stravaIds.length,
    Math.round(edits ? unique / 1.18 : unique) - stravaIds.length,
  );
  const nowMs = emu.clock.now();
  let eventS = Math.floor(nowMs / 1000) - 50_000;
  const event = (aspect: WebhookEvent['aspect_type'], id: bigint, owner: number, updates = {}) => ({
    aspect_type: aspect,
    event_time: eventS++,
    object_id: id,
    object_type: 'activity' as const,
    owner_id: owner,
    subscription_id: SUBSCRIPTION_ID,
    updates,
  });
  const created: { id: bigint; owner: number }[] = [];
  const events: WebhookEvent[] = [];
  const add = (owner: number, kind: WorkoutKind, startMs: number, durationS: number) => {
    const id = emu.control.addActivity(owner, { kind, startDate: startMs, durationS });
    created.push({ id, owner });
    events.push(event('create', id, owner));
  };
  for (const owner of stravaIds) add(owner, 'race-run', nowMs - 30 * 3600_000, 2400);
  for (let i = 0; i < activityCount; i++) {
    const day = prng.int(3, opts.historyDays ?? 120);
    const startMs = nowMs - day * 86_400_000 + prng.int(5, 18) * 3600_000;
    add(stravaIds[i % stravaIds.length]!, prng.pick(KINDS), startMs, prng.int(20, 75) * 60);
  }
  const counts = { updates: 0, deletes: 0, privacy: 0 };
  const limited = new Set(opts.limited ?? []);
  const editable = created.slice(stravaIds.length); // races stay, so every athlete keeps an alert
  while (edits && events.length < unique) {
    const target = prng.pick(editable);
    const record = emu.control.activities(target.owner).find((a) => a.plan.id === target.id);
    if (!record) continue;
    const roll = prng.next();
    if (roll < 0.55) {
      const name = `Renamed ${counts.updates++} ${prng.hex(4)}`;
      emu.control.updateActivity(target.id, { name });
      events.push(event('update', target.id, target.owner, { title: name }));
    } else if (roll < 0.8) {
      const priv = !record.private;
      emu.control.updateActivity(target.id, { private: priv });
      counts.privacy++;
      if (!limited.has(target.owner))
        events.push(event('update', target.id, target.owner, { private: String(priv) }));
      else events.push(event(priv ? 'delete' : 'create', target.id, target.owner));
    } else {
      emu.control.deleteActivity(target.id);
      events.push(event('delete', target.id, target.owner));
      counts.deletes++;
    }
  }
  for (const owner of opts.deauthorize ?? []) {
    emu.control.deauthorize(owner);
    events.push({
      ...event('update', BigInt(owner), owner, { authorized: 'false' }),
      object_id: owner,
      object_type: 'athlete',
    });
  }
  const uniqueEvents = events.length;
  const duplicates = opts.totalEvents - uniqueEvents;
  for (let i = 0; i < duplicates; i++) events.push({ ...events[prng.int(0, uniqueEvents - 1)]! });
  if (edits) shuffle(events, () => prng.next());
  return {
    events,
    uniqueEvents,
    duplicates,
    activities: created.length,
    updates: counts.updates,
    deletes: counts.deletes,
    privacyChanges: counts.privacy,
    deauthorized: opts.deauthorize ?? [],
  };
}

/** Fisher-Yates with the given random source. */
export function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
