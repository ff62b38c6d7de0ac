/**
 * What Kneadwise stores, from where, and for how long: every column of every table, classified once.
 * Strava's API Agreement (§6.2) allows caching Strava Data for at most 7 days; after that only what
 * Kneadwise computed, and the minimum needed to show it, may stay (docs/retention.md says why, per
 * column). tests/integration/strava/retention-allow-list.test.ts compares the live schema with this
 * table (a column added later without a decision fails it), ages data 8 days and checks that every
 * `stravaRaw` column was cleared; the README's retention table is generated from it.
 */

export interface TableRetention {
  /** From Strava, cleared (null, empty or deleted) once it is older than STRAVA_RAW_RETENTION_DAYS. */
  stravaRaw: string[];
  /** From Strava but kept: the minimum to dedupe, honour deletions or show Kneadwise's numbers. Why. */
  stravaKept: Record<string, string>;
  /** Computed by Kneadwise, entered by the athlete or coach, or bookkeeping. */
  ours: string[];
  /** For the README: where the rows come from and how long they live. */
  summary: { source: string; lifetime: string };
}

export const RETENTION_POLICY: Record<string, TableRetention> = {
  activity: {
    stravaRaw: [
      'name',
      'timezone',
      'distance_m',
      'total_elevation_gain_m',
      'average_heartrate_bpm',
      'max_heartrate_bpm',
      'average_power_w',
      'weighted_average_power_w',
      'device_watts',
      'workout_type',
      'trainer',
      'raw_detail',
    ],
    stravaKept: {
      id: "Strava's activity id: deduplication, deletions and 'View on Strava' links",
      sport_type: 'says what the load and strain figures are of',
      start_date: 'coarsened to the hour after 7 days: orders sessions and places the strain time course',
      start_date_local: 'coarsened to the hour after 7 days, like start_date',
      local_date: 'the day the numbers belong to',
      moving_time_s: 'the duration the load is expressed over (a derived-enough figure)',
      elapsed_time_s: 'ends the session on the strain time course',
      manual: 'a manual entry never has streams: decides what can be computed',
      private: "the athlete's privacy choice decides what a coach may see",
      visibility: "Strava's visibility (only_me, followers_only, everyone): decides what a coach may see",
    },
    ours: [
      'athlete_id',
      'rpe',
      'tagged_areas',
      'raw_fetched_at',
      'streams_status',
      'created_at',
      'updated_at',
      'inputs_version',
      'inputs_hash',
      'strava_data_purged_at',
    ],
    summary: {
      source: 'Strava (webhook, import) plus the athlete’s RPE and tags',
      lifetime: 'raw fields 7 days; the row until the activity or the athlete is deleted',
    },
  },
  activity_stream: {
    stravaRaw: ['sample_count', 'keys', 'data_gz', 'fetched_at'],
    stravaKept: {},
    ours: ['activity_id'],
    summary: { source: 'Strava streams', lifetime: 'deleted 7 days after they were fetched' },
  },
  activity_metric: {
    stravaRaw: [],
    stravaKept: {},
    ours: [
      'activity_id',
      'athlete_id',
      'local_date',
      'load',
      'method',
      'confidence',
      'metrics',
      'inputs',
      'cleaning',
      'area_loads',
      'from_streams',
      'model_version',
      'computed_at',
      'source_version',
      'physiology_basis',
    ],
    summary: {
      source: 'Kneadwise (load, method, confidence, strain)',
      lifetime: 'until the activity or the athlete is deleted',
    },
  },
  activity_tombstone: {
    stravaRaw: [],
    stravaKept: { id: 'a deleted activity must never come back, whatever order events arrive in' },
    ours: ['athlete_id', 'deleted_at'],
    summary: { source: 'Strava delete events', lifetime: 'until the athlete is deleted' },
  },
  daily_series: {
    stravaRaw: [],
    stravaKept: {},
    ours: [
      'athlete_id',
      'day',
      'load',
      'ctl',
      'atl',
      'tsb',
      'ramp7',
      'load_spike_ratio',
      'monotony',
      'strain',
      'calibrating',
      'history_day',
      'tsb_end_of_day',
      'acute_load',
      'chronic_load',
    ],
    summary: { source: 'Kneadwise (fitness, fatigue, form)', lifetime: 'until the athlete is deleted' },
  },
  athlete: {
    stravaRaw: [],
    stravaKept: {
      strava_athlete_id: 'links the account to Strava: login, events, deauthorization',
      firstname: "the account's name, refreshed at every connect; shown to the athlete and consented coaches",
      lastname: 'as firstname',
      sex: 'a physiology setting the load formulas use (Banister constants)',
      strava_zones:
        'heart-rate zones the athlete set on Strava, read at connect: kept as a physiology setting (a judgement call)',
    },
    ours: [
      'id',
      'user_id',
      'time_zone',
      'time_zone_source',
      'connection_state',
      'granted_scopes',
      'physiology_entered',
      'physiology_observed',
      'physiology_resolved',
      'physiology_basis',
      'injured_or_ill',
      'alert_settings',
      'notification_prefs',
      'backfill_status',
      'backfill_total',
      'backfill_summaries_done',
      'backfill_streams_done',
      'sync_watermark',
      'created_at',
      'updated_at',
    ],
    summary: {
      source: 'Strava profile at connect; settings the athlete enters',
      lifetime: 'until the athlete disconnects, is deauthorized or deletes the account',
    },
  },
  strava_token: {
    stravaRaw: [],
    stravaKept: {
      access_token_enc: 'encrypted (AES-256-GCM); needed to read Strava at all',
      refresh_token_enc: 'encrypted; needed to keep access',
      expires_at: "the access token's expiry",
      scopes: 'what the athlete granted',
    },
    ours: ['athlete_id', 'key_id', 'updated_at'],
    summary: {
      source: 'Strava OAuth',
      lifetime: 'while connected; deleted on disconnect or deauthorization',
    },
  },
  strava_subscription: {
    stravaRaw: [],
    stravaKept: { id: "the app's push subscription id, to check events against" },
    ours: ['callback_url', 'created_at', 'callback_secret'],
    summary: { source: 'Strava push subscription', lifetime: 'until unsubscribed or rotated' },
  },
  webhook_inbox: {
    stravaRaw: ['updates'],
    stravaKept: {
      object_id: 'deduplication while the event is processed',
      owner_id: 'routes the event to its athlete while it is processed',
      event_time: 'orders events while they are processed',
      subscription_id: 'checked against our subscription',
    },
    ours: [
      'id',
      'dedup_key',
      'object_type',
      'aspect_type',
      'status',
      'attempts',
      'last_error',
      'received_at',
      'enqueued_at',
      'processed_at',
    ],
    summary: {
      source: 'Strava webhook events',
      lifetime: 'processed rows deleted after WEBHOOK_INBOX_RETENTION_DAYS (at most 7)',
    },
  },
  alert: {
    stravaRaw: [],
    stravaKept: {},
    ours: [
      'id',
      'athlete_id',
      'rule_id',
      'body_area',
      'local_date',
      'status',
      'details',
      'created_at',
      'updated_at',
      'status_reason',
    ],
    summary: { source: 'Kneadwise alert rules', lifetime: 'until the athlete is deleted' },
  },
  alert_delivery: {
    stravaRaw: [],
    stravaKept: {},
    ours: ['alert_id', 'outbox_id'],
    summary: { source: 'Kneadwise', lifetime: 'with its alert' },
  },
  email_outbox: {
    stravaRaw: ['text_body', 'html_body'],
    stravaKept: {},
    ours: [
      'id',
      'dedup_key',
      'athlete_id',
      'user_id',
      'kind',
      'recipient',
      'subject',
      'headers',
      'status',
      'attempts',
      'next_attempt_at',
      'lease_until',
      'last_error',
      'smtp_response',
      'message_id',
      'created_at',
      'sent_at',
      'sealed_secrets',
    ],
    summary: {
      source: 'Kneadwise emails (bodies may quote activity titles)',
      lifetime: 'bodies emptied 7 days after sending; the row until the recipient is deleted',
    },
  },
  app_user: {
    stravaRaw: [],
    stravaKept: {},
    ours: [
      'id',
      'role',
      'display_name',
      'email',
      'email_confirmed_at',
      'password_hash',
      'created_at',
      'email_pending',
      'email_pending_requested_at',
      'email_status',
      'email_status_reason',
      'email_status_at',
    ],
    summary: { source: 'accounts (athletes via Strava, coaches by email)', lifetime: 'until deleted' },
  },
  coach_athlete: {
    stravaRaw: [],
    stravaKept: {},
    ours: [
      'coach_user_id',
      'athlete_id',
      'consent_text',
      'consented_at',
      'revoked_at',
      'alerts_opt_in',
      'scopes',
      'share_private',
    ],
    summary: { source: 'consent the athlete gave', lifetime: 'until revoked and either party deleted' },
  },
  coach_change_event: {
    stravaRaw: [],
    stravaKept: {},
    ours: ['id', 'athlete_id', 'coach_user_id', 'actor', 'action', 'detail', 'at'],
    summary: { source: 'audit of coach changes', lifetime: 'until the athlete is deleted' },
  },
  coach_invite: {
    stravaRaw: [],
    stravaKept: {},
    ours: [
      'id',
      'coach_user_id',
      'token_hash',
      'note',
      'created_at',
      'expires_at',
      'used_at',
      'used_by_athlete_id',
      'revoked_at',
    ],
    summary: { source: 'coach invitations', lifetime: 'until the coach is deleted' },
  },
  consent_event: {
    stravaRaw: [],
    stravaKept: {},
    ours: ['id', 'coach_user_id', 'athlete_id', 'action', 'consent_text', 'invite_id', 'at'],
    summary: { source: 'consent history', lifetime: 'until the athlete is deleted' },
  },
  password_reset: {
    stravaRaw: [],
    stravaKept: {},
    ours: ['id', 'user_id', 'token_hash', 'created_at', 'expires_at', 'used_at'],
    summary: { source: 'password resets (hashed tokens)', lifetime: 'until the coach is deleted' },
  },
  race: {
    stravaRaw: [],
    stravaKept: {},
    ours: ['id', 'athlete_id', 'race_date', 'name', 'priority', 'created_at'],
    summary: { source: 'races the athlete enters', lifetime: 'until the athlete is deleted' },
  },
  schema_migration: {
    stravaRaw: [],
    stravaKept: {},
    ours: ['version', 'name', 'applied_at'],
    summary: { source: 'migrations', lifetime: 'for ever' },
  },
  session: {
    stravaRaw: [],
    stravaKept: {},
    ours: ['sid', 'sess', 'expire'],
    summary: { source: 'sign-in sessions', lifetime: 'until they expire (pruned)' },
  },
  used_link: {
    stravaRaw: [],
    stravaKept: {},
    ours: ['nonce', 'purpose', 'subject_id', 'used_at', 'outcome'],
    summary: { source: 'spent one-tap links', lifetime: 'until the link would have expired, or deletion' },
  },
};

/** The README's "what we store, from where, for how long" table. */
export function retentionTableMarkdown(): string {
  const rows = Object.entries(RETENTION_POLICY).map(([table, t]) => {
    const raw = t.stravaRaw.length ? t.stravaRaw.map((c) => `\`${c}\``).join(', ') : '-';
    const kept = Object.keys(t.stravaKept).length
      ? Object.keys(t.stravaKept)
          .map((c) => `\`${c}\``)
          .join(', ')
      : '-';
    return `| \`${table}\` | ${t.summary.source} | ${raw} | ${kept} | ${t.summary.lifetime} |`;
  });
  return [
    '| Table | From | Strava fields cleared after 7 days | Strava fields kept (why: docs/retention.md) | Kept for |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
