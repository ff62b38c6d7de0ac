import { heartRateZones, powerZones } from './generator/athletes';
import { isoSeconds, localIsoSeconds, stravaTimezoneLabel, utcOffsetS } from './generator/timezones';
import type { ActivityView } from './world';
import type { EmulatedAthlete } from './types';

/** Strava wire shapes (snake_case). Fields Strava omits when not applicable are omitted here too. */

const avatar = (a: EmulatedAthlete, size: string) =>
  `https://dgalywyr863hv.cloudfront.net/pictures/athletes/${a.id}/${size}.jpg`;

/** SummaryAthlete as returned on the first token exchange (resource_state 2). */
export function athleteSummary(a: EmulatedAthlete) {
  return {
    id: a.id,
    username: a.username,
    resource_state: 2,
    firstname: a.firstname,
    lastname: a.lastname,
    bio: null,
    city: a.city,
    state: a.state,
    country: a.country,
    sex: a.sex,
    premium: a.premium,
    summit: a.premium,
    created_at: isoSeconds(a.createdAtS * 1000),
    updated_at: isoSeconds(a.createdAtS * 1000 + 86_400_000),
    badge_type_id: a.premium ? 1 : 0,
    weight: a.weightKg,
    profile_medium: avatar(a, 'medium'),
    profile: avatar(a, 'large'),
    friend: null,
    follower: null,
  };
}

/** DetailedAthlete (resource_state 3), served by GET /athlete to tokens with profile:read_all. */
export function athleteDetailed(a: EmulatedAthlete) {
  return {
    ...athleteSummary(a),
    resource_state: 3,
    follower_count: 12,
    friend_count: 15,
    measurement_preference: 'meters',
    ftp: a.ftpW,
    weight: a.weightKg,
    clubs: [],
    bikes: [],
    shoes: [],
  };
}

/** Response of GET /athlete/zones. */
export function athleteZones(a: EmulatedAthlete) {
  const power = powerZones(a);
  return {
    heart_rate: { custom_zones: false, zones: heartRateZones(a) },
    ...(power.length > 0 ? { power: { zones: power } } : {}),
  };
}

function optional(s: ActivityView['stats']) {
  const out: Record<string, unknown> = {};
  if (s.averageCadence !== null) out.average_cadence = s.averageCadence;
  if (s.averageWattsW !== null) out.average_watts = s.averageWattsW;
  if (s.maxWattsW !== null) out.max_watts = s.maxWattsW;
  if (s.weightedAverageWattsW !== null) out.weighted_average_watts = s.weightedAverageWattsW;
  if (s.kilojoules !== null) out.kilojoules = s.kilojoules;
  if (s.deviceWatts !== null) out.device_watts = s.deviceWatts;
  out.has_heartrate = s.averageHeartrateBpm !== null;
  if (s.averageHeartrateBpm !== null) {
    Object.assign(out, {
      average_heartrate: s.averageHeartrateBpm,
      max_heartrate: s.maxHeartrateBpm,
      heartrate_opt_out: false,
      display_hide_heartrate_option: true,
    });
  }
  if (s.elevHighM !== null) Object.assign(out, { elev_high: s.elevHighM, elev_low: s.elevLowM });
  return out;
}

/** SummaryActivity (resource_state 2) as listed by GET /athlete/activities. Ids are bigint (exact JSON). */
export function activitySummary(v: ActivityView, a: EmulatedAthlete) {
  const { record: r, stats: s } = v;
  const id = r.plan.id;
  const sportType = r.sportTypeOverride ?? s.sportType;
  const hasHr = s.averageHeartrateBpm !== null;
  return {
    resource_state: 2,
    athlete: { id: a.id, resource_state: 1 },
    name: r.name,
    distance: s.distanceM,
    moving_time: s.movingTimeS,
    elapsed_time: s.elapsedTimeS,
    total_elevation_gain: s.totalElevationGainM,
    type: r.sportTypeOverride ?? s.type,
    sport_type: sportType,
    workout_type: s.workoutType,
    id,
    start_date: isoSeconds(r.plan.startMs),
    start_date_local: localIsoSeconds(r.plan.startMs, a.timezoneIana),
    timezone: stravaTimezoneLabel(a.timezoneIana, r.plan.startMs),
    utc_offset: utcOffsetS(a.timezoneIana, r.plan.startMs),
    location_city: null,
    location_state: null,
    location_country: a.country,
    achievement_count: 0,
    kudos_count: Number(id % 17n),
    comment_count: 0,
    athlete_count: 1,
    photo_count: 0,
    map: { id: `a${id}`, summary_polyline: v.summaryPolyline, resource_state: 2 },
    trainer: s.trainer,
    commute: false,
    manual: s.manual,
    private: r.private,
    visibility: r.private ? 'only_me' : 'everyone',
    flagged: false,
    gear_id: null,
    start_latlng: s.startLatlng,
    end_latlng: s.endLatlng,
    average_speed: s.averageSpeedMps,
    max_speed: s.maxSpeedMps,
    ...optional(s),
    ...(s.manual
      ? {}
      : {
          upload_id: id + 1_000_000_000n,
          upload_id_str: String(id + 1_000_000_000n),
          external_id: `garmin_ping_${id}`,
        }),
    from_accepted_tag: false,
    pr_count: 0,
    total_photo_count: 0,
    has_kudoed: false,
    suffer_score:
      a.premium && hasHr
        ? Math.round((s.movingTimeS / 60) * ((s.averageHeartrateBpm ?? 0) / a.lthrBpm) ** 3)
        : null,
    device_name: s.manual
      ? undefined
      : sportType.includes('Ride')
        ? 'Garmin Edge 840'
        : 'Garmin Forerunner 965',
  };
}

/** DetailedActivity (resource_state 3) for GET /activities/{id}. `include_all_efforts` is ignored. */
export function activityDetailed(v: ActivityView, a: EmulatedAthlete) {
  const summary = activitySummary(v, a);
  const s = v.stats;
  return {
    ...summary,
    resource_state: 3,
    description: v.record.description,
    calories: s.calories,
    perceived_exertion: null,
    prefer_perceived_exertion: null,
    segment_efforts: [],
    laps: [
      {
        id: v.record.plan.id * 10n + 1n,
        resource_state: 2,
        name: 'Lap 1',
        activity: { id: v.record.plan.id, resource_state: 1 },
        athlete: { id: a.id, resource_state: 1 },
        elapsed_time: s.elapsedTimeS,
        moving_time: s.movingTimeS,
        start_date: summary.start_date,
        start_date_local: summary.start_date_local,
        distance: s.distanceM,
        total_elevation_gain: s.totalElevationGainM,
        average_speed: s.averageSpeedMps,
        max_speed: s.maxSpeedMps,
        lap_index: 1,
        split: 1,
      },
    ],
    gear: null,
    hide_from_home: false,
    embed_token: v.record.plan.seed.replace(/\W/g, ''),
    available_zones: s.averageHeartrateBpm !== null ? ['heartrate'] : [],
  };
}
