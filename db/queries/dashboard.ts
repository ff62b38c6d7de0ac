import type { Queryable } from '../pool';
import { alertClearOfPrivateSql } from './private-activities';

/** One stored daily_series row, as the read models use it. */
export interface StoredDay {
  day: string;
  load: number;
  ctl: number;
  atl: number;
  tsb: number;
  ramp7: number | null;
  loadSpikeRatio: number | null;
  monotony: number | null;
  strain: number | null;
  calibrating: boolean;
  /** Engine state stored by the recompute job (migration 0002): lets the read side extend exactly. */
  historyDay: number;
  tsbEndOfDay: number;
  acuteLoad: number;
  chronicLoad: number;
}

export interface OverviewRow {
  athleteId: string;
  name: string;
  timeZone: string;
  today: string;
  connectionState: string;
  backfillStatus: string;
  injuredOrIll: boolean;
  lastActivityAt: Date | null;
  lastActivityName: string | null;
  lastActivitySport: string | null;
  /** The activity's own local day (where it happened), not the UTC start seen from elsewhere. */
  lastActivityLocalDate: string | null;
  /** Up to the last 14 stored days on or before the athlete's today, oldest first. */
  recentDays: StoredDay[];
  openAlerts: number;
  /**
   * The stored days count private activities this coach may not see: the caller recomputes the figures
   * without them (the last activity and open alerts above already leave them out).
   */
  hidesPrivate: boolean;
  historyStart: string | null;
}

const DAY_JSON = `json_build_object('day', d.day::text, 'load', d.load, 'ctl', d.ctl, 'atl', d.atl, 'tsb', d.tsb,
  'ramp7', d.ramp7, 'loadSpikeRatio', d.load_spike_ratio, 'monotony', d.monotony, 'strain', d.strain,
  'calibrating', d.calibrating, 'historyDay', d.history_day, 'tsbEndOfDay', d.tsb_end_of_day,
  'acuteLoad', d.acute_load, 'chronicLoad', d.chronic_load)`;

/** The time zone of every athlete with a live consented link to the coach (for their local today). */
export async function selectLinkedAthleteZones(
  db: Queryable,
  coachUserId: string,
): Promise<{ athleteId: string; timeZone: string }[]> {
  const { rows } = await db.query<{ athleteId: string; timeZone: string }>(
    `select a.id as "athleteId", a.time_zone as "timeZone"
     from coach_athlete ca join athlete a on a.id = ca.athlete_id
     where ca.coach_user_id = $1 and ca.revoked_at is null and a.connection_state <> 'disconnected'`,
    [coachUserId],
  );
  return rows;
}

/**
 * The coach overview in one statement: every athlete with a live consented link and a given local
 * today (`todays`, computed by the caller with the domain's calendar), last activity, last 14 stored days
 * and open alerts (last 3 days, not cancelled). Scoped by the coach's user id in the join itself: no row
 * of an unlinked athlete can come back, whatever `todays` names.
 */
export async function selectCoachOverview(
  db: Queryable,
  coachUserId: string,
  todays: { athleteId: string; today: string }[],
): Promise<OverviewRow[]> {
  const { rows } = await db.query<OverviewRow>(
    `with linked as (
       select a.*, t.today, ca.share_private
       from coach_athlete ca join athlete a on a.id = ca.athlete_id
       join unnest($2::uuid[], $3::date[]) as t(athlete_id, today) on t.athlete_id = a.id
       where ca.coach_user_id = $1 and ca.revoked_at is null and a.connection_state <> 'disconnected')
     select l.id as "athleteId", trim(l.firstname || ' ' || l.lastname) as name, l.time_zone as "timeZone",
       l.today::text as today, l.connection_state as "connectionState", l.backfill_status as "backfillStatus",
       l.injured_or_ill as "injuredOrIll", la.start_date as "lastActivityAt", la.name as "lastActivityName",
       la.sport_type as "lastActivitySport", la.local_date::text as "lastActivityLocalDate", coalesce(s.days, '[]'::json) as "recentDays",
       al.n::int as "openAlerts",
       (not l.share_private and exists (select 1 from activity p join activity_metric pm on pm.activity_id = p.id
                                        where p.athlete_id = l.id and p.private)) as "hidesPrivate",
       (select min(day)::text from daily_series where athlete_id = l.id) as "historyStart"
     from linked l
     left join lateral (select start_date, name, sport_type, local_date from activity
                        where athlete_id = l.id and (l.share_private or not private)
                        order by start_date desc limit 1) la on true
     left join lateral (select json_agg(${DAY_JSON} order by d.day) as days from
                        (select * from daily_series where athlete_id = l.id and day <= l.today
                         order by day desc limit 14) d) s on true
     left join lateral (select count(*) as n from alert where athlete_id = l.id and local_date >= l.today - 2
                        and status not in ('cancelled', 'suppressed')
                        and ${alertClearOfPrivateSql('alert', 'l.share_private')}) al on true`,
    [coachUserId, todays.map((t) => t.athleteId), todays.map((t) => t.today)],
  );
  return rows;
}

export interface StrainSessionRow {
  athleteId: string;
  startMs: number;
  areaLoads: unknown;
}

/**
 * Per-activity area loads since `fromDate` for several athletes (body map, most strained area);
 * `includePrivate` false leaves out activities private on Strava (a coach without the athlete's opt-in).
 */
export async function selectStrainSessions(
  db: Queryable,
  athleteIds: string[],
  fromDate: string,
  includePrivate = true,
): Promise<StrainSessionRow[]> {
  if (athleteIds.length === 0) return [];
  const { rows } = await db.query<StrainSessionRow>(
    `select m.athlete_id as "athleteId", (extract(epoch from a.start_date) * 1000)::float8 as "startMs",
            -- Only the two per-area records the projection reads (the stored ActivityStrain also holds shares,
            -- damage loads and notes): less to transfer and parse per row.
            json_build_object('areaLoadsAu', coalesce(m.area_loads->'areaLoadsAu', m.area_loads->'areaLoads', m.area_loads),
                              'eccentricLoadsAu', coalesce(m.area_loads->'eccentricLoadsAu', m.area_loads->'eccentricLoads')) as "areaLoads"
     from activity_metric m
     join activity a on a.id = m.activity_id
       -- Redundant for correctness (same activity), but lets PostgreSQL use activity_athlete_start instead of
       -- scanning every activity; a local date is within a day of its UTC start.
       and a.athlete_id = any($1::uuid[]) and a.start_date >= $2::date - 2
     where m.athlete_id = any($1::uuid[]) and m.local_date >= $2::date and ($3 or not a.private)`,
    [athleteIds, fromDate, includePrivate],
  );
  return rows;
}

/** Loads after the last stored day (a recompute still pending), to extend the stored series to today. */
export async function selectLoadsAfter(
  db: Queryable,
  athleteIds: string[],
  afterDate: string,
): Promise<{ athleteId: string; localDate: string; load: number }[]> {
  if (athleteIds.length === 0) return [];
  const { rows } = await db.query<{ athleteId: string; localDate: string; load: number }>(
    `select athlete_id as "athleteId", local_date::text as "localDate", load from activity_metric
     where athlete_id = any($1::uuid[]) and local_date > $2::date`,
    [athleteIds, afterDate],
  );
  return rows;
}

export interface AthleteProfileRow {
  athleteId: string;
  userId: string | null;
  name: string;
  timeZone: string;
  sex: string | null;
  connectionState: string;
  backfillStatus: string;
  backfillTotal: number;
  backfillSummariesDone: number;
  backfillStreamsDone: number;
  injuredOrIll: boolean;
  physiologyEntered: Record<string, unknown>;
  physiologyObserved: Record<string, unknown>;
  historyStart: string | null;
}

/** The athlete page's profile row; the caller adds the local today (services/dashboard/athlete-profile.ts). */
export async function selectAthleteProfile(
  db: Queryable,
  athleteId: string,
): Promise<AthleteProfileRow | null> {
  const { rows } = await db.query<AthleteProfileRow>(
    `select a.id as "athleteId", a.user_id as "userId", trim(a.firstname || ' ' || a.lastname) as name,
       a.time_zone as "timeZone", a.sex,
       a.connection_state as "connectionState", a.backfill_status as "backfillStatus",
       a.backfill_total as "backfillTotal", a.backfill_summaries_done as "backfillSummariesDone",
       a.backfill_streams_done as "backfillStreamsDone", a.injured_or_ill as "injuredOrIll",
       a.physiology_entered as "physiologyEntered", a.physiology_observed as "physiologyObserved",
       (select min(day)::text from daily_series where athlete_id = a.id) as "historyStart"
     from athlete a where a.id = $1`,
    [athleteId],
  );
  return rows[0] ?? null;
}

/**
 * Every activity load of an athlete by local day: the input of the read-time daily series;
 * `includePrivate` false leaves out activities private on Strava.
 */
export async function selectDailyLoadEntries(
  db: Queryable,
  athleteId: string,
  includePrivate = true,
): Promise<{ localDate: string; load: number }[]> {
  const { rows } = await db.query<{ localDate: string; load: number }>(
    `select m.local_date::text as "localDate", m.load from activity_metric m
     where m.athlete_id = $1
       and ($2 or not exists (select 1 from activity a where a.id = m.activity_id and a.private))`,
    [athleteId, includePrivate],
  );
  return rows;
}

export interface AlertRow {
  id: string;
  ruleId: string;
  bodyArea: string;
  localDate: string;
  status: string;
  details: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Alert and recommendation history, newest first; `includePrivate` false leaves out alerts whose
 * figures a private activity fed (PRIVATE_ALERT_WINDOW_DAYS).
 */
export async function selectAlerts(
  db: Queryable,
  athleteId: string,
  limit: number,
  includePrivate = true,
): Promise<AlertRow[]> {
  const { rows } = await db.query<AlertRow>(
    `select id::text, rule_id as "ruleId", body_area as "bodyArea", local_date::text as "localDate", status, details,
            created_at as "createdAt"
     from alert where athlete_id = $1 and ${alertClearOfPrivateSql('alert', '$3')}
     order by local_date desc, id desc limit $2`,
    [athleteId, limit, includePrivate],
  );
  return rows;
}

export interface RaceRow {
  id: string;
  raceDate: string;
  name: string;
  priority: string;
}

export async function selectUpcomingRaces(
  db: Queryable,
  athleteId: string,
  fromDate: string,
): Promise<RaceRow[]> {
  const { rows } = await db.query<RaceRow>(
    `select id, race_date::text as "raceDate", name, priority from race
     where athlete_id = $1 and race_date >= $2::date order by race_date limit 20`,
    [athleteId, fromDate],
  );
  return rows;
}

/**
 * A cheap fingerprint of each athlete's strain inputs since `fromDate` (row count and newest computation):
 * when it is unchanged, previously read sessions are still exactly right.
 */
export async function selectStrainFingerprints(
  db: Queryable,
  athleteIds: string[],
  fromDate: string,
): Promise<Map<string, string>> {
  if (athleteIds.length === 0) return new Map();
  const { rows } = await db.query<{ athleteId: string; fp: string }>(
    `select athlete_id as "athleteId", count(*)::text || '/' || coalesce(max(computed_at)::text, '') as fp
     from activity_metric where athlete_id = any($1::uuid[]) and local_date >= $2::date group by athlete_id`,
    [athleteIds, fromDate],
  );
  return new Map(rows.map((r) => [r.athleteId, r.fp]));
}
