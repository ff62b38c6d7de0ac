import type { EmulatorContext } from './context';

/** One change the emulator performed on its world (control API), in the order performed. */
export interface JournalEntry {
  kind: 'create' | 'rename' | 'privacy' | 'delete' | 'deauthorize';
  athleteId: number;
  activityId?: bigint;
  /** For `privacy`: the new flag. */
  private?: boolean;
  /** Emulator clock when it happened. */
  atMs: number;
}

export interface TruthActivity {
  id: bigint;
  athleteId: number;
  name: string;
  private: boolean;
  deleted: boolean;
  /**
   * Whether an app holding this athlete's current grant may keep the activity: not deleted, the athlete
   * still authorizes the app with an activity scope, and a private ("Only You") activity needs
   * activity:read_all.
   */
  visible: boolean;
}

export interface TruthAthlete {
  id: number;
  /** Scopes currently granted; null when the athlete never authorized or revoked the app. */
  scopes: string[] | null;
}

/**
 * The emulated Strava's final state as a checker needs it: every athlete and every activity ever added,
 * deleted ones included (the public `activities()` hides them, which once let a checker skip deletions).
 */
export interface WorldTruth {
  athletes: TruthAthlete[];
  activities: TruthActivity[];
  journal: JournalEntry[];
}

export function buildTruth(ctx: EmulatorContext, journal: JournalEntry[]): WorldTruth {
  const athletes = ctx.world
    .listAthletes()
    .map((a) => ({ id: a.id, scopes: ctx.tokens.grants.get(a.id) ?? null }));
  const activities: TruthActivity[] = [];
  for (const a of athletes) {
    const scopes = a.scopes ?? [];
    const canRead = scopes.includes('activity:read') || scopes.includes('activity:read_all');
    for (const r of ctx.world.allActivitiesOf(a.id)) {
      const visible = !r.deleted && canRead && (!r.private || scopes.includes('activity:read_all'));
      activities.push({
        id: r.plan.id,
        athleteId: a.id,
        name: r.name,
        private: r.private,
        deleted: r.deleted,
        visible,
      });
    }
  }
  return { athletes, activities, journal: journal.map((e) => ({ ...e })) };
}
