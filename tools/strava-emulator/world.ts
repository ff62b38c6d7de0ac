import { encodePolyline } from './generator/polyline';
import { materializeActivity } from './generator/materialize';
import type { ActivityPlan, ActivityRecord, ActivityStats, EmulatedAthlete, StreamSet } from './types';

/** Streams of this many activities stay cached; the rest are regenerated on demand (deterministically). */
const STREAM_CACHE_SIZE = 24;

export interface ActivityView {
  record: ActivityRecord;
  stats: ActivityStats;
  summaryPolyline: string;
}

/** The emulated Strava data: athletes and their activities, with lazily generated stats and streams. */
export class World {
  private athletes = new Map<number, EmulatedAthlete>();
  private activities = new Map<bigint, ActivityRecord>();
  private byAthlete = new Map<number, ActivityRecord[]>();
  private stats = new Map<bigint, { stats: ActivityStats; summaryPolyline: string }>();
  private streamCache = new Map<bigint, StreamSet | null>();

  addAthlete(athlete: EmulatedAthlete): void {
    if (this.athletes.has(athlete.id)) throw new Error(`athlete ${athlete.id} already exists`);
    this.athletes.set(athlete.id, athlete);
    this.byAthlete.set(athlete.id, []);
  }

  athlete(id: number): EmulatedAthlete | undefined {
    return this.athletes.get(id);
  }

  listAthletes(): EmulatedAthlete[] {
    return [...this.athletes.values()];
  }

  /** Adds an activity from its plan; the plan's id must be unique. */
  addActivity(plan: ActivityPlan): ActivityRecord {
    if (this.activities.has(plan.id)) throw new Error(`activity ${plan.id} already exists`);
    const list = this.byAthlete.get(plan.athleteId);
    if (!list) throw new Error(`unknown athlete ${plan.athleteId}`);
    const record: ActivityRecord = {
      plan,
      name: plan.name,
      sportTypeOverride: null,
      private: plan.private,
      deleted: false,
      description: '',
    };
    this.activities.set(plan.id, record);
    list.push(record);
    list.sort((x, y) => y.plan.startMs - x.plan.startMs);
    return record;
  }

  /** Any activity with this id, deleted ones included (callers decide what deleted means). */
  activity(id: bigint): ActivityRecord | undefined {
    return this.activities.get(id);
  }

  /** Live activities of an athlete, newest first. */
  activitiesOf(athleteId: number): ActivityRecord[] {
    return (this.byAthlete.get(athleteId) ?? []).filter((r) => !r.deleted);
  }

  /** Every activity of an athlete ever added, deleted ones included (ground truth for checkers). */
  allActivitiesOf(athleteId: number): ActivityRecord[] {
    return [...(this.byAthlete.get(athleteId) ?? [])];
  }

  /** Next id for a new activity of this athlete: above every existing id (Strava ids grow over time). */
  nextActivityId(athleteId: number, gap: number): bigint {
    const a = this.athletes.get(athleteId);
    let max = a?.largeIds ? 12_345_678_900_000_000n : 14_000_000_000n;
    for (const r of this.byAthlete.get(athleteId) ?? []) if (r.plan.id > max) max = r.plan.id;
    return max + BigInt(Math.max(1, Math.floor(gap)));
  }

  /** Summary stats; generates (and caches) streams on first use. */
  view(record: ActivityRecord): ActivityView {
    let cached = this.stats.get(record.plan.id);
    if (!cached) {
      const m = this.materialize(record);
      const latlng = (m.streams?.latlng ?? []) as Array<[number, number]>;
      const step = Math.max(1, Math.floor(latlng.length / 150));
      cached = { stats: m.stats, summaryPolyline: encodePolyline(latlng.filter((_, i) => i % step === 0)) };
      this.stats.set(record.plan.id, cached);
    }
    return { record, ...cached };
  }

  /**
   * Precomputes summaries of every activity in the background, one per event-loop turn, so the first
   * GET /athlete/activities of a 180-day history is fast. `isStopped` ends the loop early.
   */
  async warm(isStopped: () => boolean): Promise<void> {
    for (const record of [...this.activities.values()]) {
      if (isStopped()) return;
      if (!this.stats.has(record.plan.id)) this.view(record);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The activity's streams (null for manual activities), regenerated if evicted from the cache. */
  streams(record: ActivityRecord): StreamSet | null {
    const hit = this.streamCache.get(record.plan.id);
    if (hit !== undefined) return hit;
    return this.materialize(record).streams;
  }

  private materialize(record: ActivityRecord) {
    const athlete = this.athletes.get(record.plan.athleteId);
    if (!athlete) throw new Error(`unknown athlete ${record.plan.athleteId}`);
    const m = materializeActivity(athlete, record.plan);
    this.streamCache.set(record.plan.id, m.streams);
    if (this.streamCache.size > STREAM_CACHE_SIZE) {
      const oldest = this.streamCache.keys().next().value;
      if (oldest !== undefined) this.streamCache.delete(oldest);
    }
    return m;
  }
}
