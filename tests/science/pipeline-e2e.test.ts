/**
 * Science cases end to end: an emulator activity with a known stream -> Strava webhook -> our app -> real
 * BullMQ workers (sync, streams, recompute) -> activity_metric -> read back through the JSON API. Each
 * expected value is computed by hand from the published formula (not by calling the engine), with the
 * tolerance the API's display rounding allows (loads are shown to the nearest whole number: +-0.5).
 */
import request from 'supertest';
import { buildApp } from '../../services/api/app';
import type { StreamSet } from '../../tools/strava-emulator/types';
import { QUEUE_NAMES } from '../../services/queue/catalogue';
import { csrfFor, sessionFor } from '../integration/dashboard/support/world';
import { createIngestWorld, waitFor, type IngestWorld } from '../integration/ingest/ingest-world';

jest.setTimeout(120_000);

const THRESHOLD_SPEED = 1000 / 240; // threshold pace 4:00 /km
const CR_10 = 5.968214 / 3.6; // Minetti Cr(0.10) / Cr(0)
const CR_MINUS_15 = 1.83565 / 3.6; // Cr(-0.15) / Cr(0) = 0.50990

/** 1 Hz streams of one constant segment, in Strava's stream keys. */
function steady(
  durationS: number,
  o: { v?: number; grade?: number; hr?: number; watts?: number },
): StreamSet {
  const time = Array.from({ length: durationS }, (_, i) => i);
  const g = (o.grade ?? 0) / 100;
  const s: StreamSet = { time, moving: time.map(() => true) };
  if (o.v !== undefined) {
    s.velocity_smooth = time.map(() => o.v!);
    s.grade_smooth = time.map(() => o.grade ?? 0);
    s.distance = time.map((i) => i * o.v!);
    s.altitude = time.map((i) => 1000 + (i * o.v! * g) / Math.sqrt(1 + g * g));
  }
  if (o.hr !== undefined) s.heartrate = time.map(() => o.hr!);
  if (o.watts !== undefined) s.watts = time.map(() => o.watts!);
  return s;
}

interface Case {
  name: string;
  sportType: string;
  streams: StreamSet | null;
  stats?: Record<string, number>;
  method: string;
  load: number;
}

/** HRSS of a steady hour at `hr` for rest 50, max 190, LTHR 169, male: 100 x x e^(1.92x) / (x_LT e^(1.92 x_LT)). */
const hrss = (hr: number, hours: number) => {
  const x = (hr - 50) / 140;
  const xl = (169 - 50) / 140;
  return (100 * hours * x * Math.exp(1.92 * x)) / (xl * Math.exp(1.92 * xl));
};

const CASES: Case[] = [
  {
    name: 'flat hour at threshold pace (rTSS definition)',
    sportType: 'Run',
    streams: steady(3600, { v: THRESHOLD_SPEED }),
    method: 'runningStress',
    load: 100,
  },
  {
    name: 'half hour at threshold pace',
    sportType: 'Run',
    streams: steady(1800, { v: THRESHOLD_SPEED }),
    method: 'runningStress',
    load: 50,
  },
  {
    name: 'hour at 80 % threshold speed: 0.8^2 x 100',
    sportType: 'Run',
    streams: steady(3600, { v: 0.8 * THRESHOLD_SPEED }),
    method: 'runningStress',
    load: 64,
  },
  {
    name: '+10 % climb at the Minetti-equivalent speed scores like the flat',
    sportType: 'TrailRun',
    streams: steady(3600, { v: THRESHOLD_SPEED / CR_10, grade: 10 }),
    method: 'runningStress',
    load: 100,
  },
  {
    name: '-15 % descent at 3 m/s: 0.5 h x (3 x 0.5099 / 4.1667)^2 x 100',
    sportType: 'TrailRun',
    streams: steady(1800, { v: 3, grade: -15 }),
    method: 'runningStress',
    load: 0.5 * ((3 * CR_MINUS_15) / THRESHOLD_SPEED) ** 2 * 100,
  },
  {
    name: 'ride at FTP for an hour (sweatpy test_power)',
    sportType: 'Ride',
    streams: steady(3600, { watts: 250 }),
    method: 'powerTss',
    load: 100,
  },
  {
    name: 'ride NP 225 W for 2 h at FTP 250 W: 162 (training-science §6)',
    sportType: 'Ride',
    streams: steady(7200, { watts: 225 }),
    method: 'powerTss',
    load: 162,
  },
  {
    name: 'hour at LTHR: HRSS 100 (Elevate / GoldenCheetah TRIMP(100))',
    sportType: 'Rowing',
    streams: steady(3600, { hr: 169 }),
    method: 'hrssStream',
    load: 100,
  },
  {
    name: 'hour at 150 bpm: Banister HRSS',
    sportType: 'Rowing',
    streams: steady(3600, { hr: 150 }),
    method: 'hrssStream',
    load: hrss(150, 1),
  },
  {
    name: 'swim 3000 m in 60 min at threshold 2:00/100 m: sTSS 100 (Elevate)',
    sportType: 'Swim',
    streams: null,
    stats: { distanceM: 3000, movingTimeS: 3600, elapsedTimeS: 3600 },
    method: 'swimStress',
    load: 100,
  },
];

describe('science cases through the whole pipeline', () => {
  let w: IngestWorld;
  let athleteId: string;
  let stravaId: number;
  let cookie: string;
  const ids = new Map<string, string>();

  const activities = async () => {
    const res = await request(buildApp(w.deps))
      .get(`/api/athletes/${athleteId}/activities?limit=50`)
      .set('Cookie', cookie);
    return res.body.activities as {
      id: string;
      load: number | null;
      method: string | null;
      methodLabel: string;
    }[];
  };

  beforeAll(async () => {
    w = await createIngestWorld({ listen: true });
    await w.subscribe();
    stravaId = w.emu.control.createAthlete({ profile: 'trail-runner', seed: 16, historyDays: 0 }).id;
    athleteId = await w.connect(stravaId);
    const entered = {
      hrMaxBpm: 190,
      hrRestBpm: 50,
      lthrBpm: 169,
      thresholdPaceSPerKm: 240,
      ftpW: 250,
      thresholdSwimPaceSPer100m: 120,
      sex: 'male',
    };
    const { rows } = await w.deps.db.query<{ userId: string }>(
      `update athlete set physiology_entered = $2 where id = $1 returning user_id as "userId"`,
      [athleteId, JSON.stringify(entered)],
    );
    cookie = (await sessionFor(w.deps, { userId: rows[0]!.userId, role: 'athlete', athleteId })).cookie;
    await w.startWorkers([...QUEUE_NAMES]);
    for (const c of CASES) {
      const id = w.emu.control.addActivity(stravaId, {
        kind: 'easy-run',
        exact: { sportType: c.sportType, streams: c.streams, stats: c.stats },
      });
      ids.set(c.name, String(id));
    }
    await w.emu.control.flushDeliveries();
    await waitFor('every case computed from its streams', async () => {
      const { rows: m } = await w.deps.db.query<{ id: string; fromStreams: boolean }>(
        'select activity_id::text as id, from_streams as "fromStreams" from activity_metric where athlete_id = $1',
        [athleteId],
      );
      return CASES.every((c) =>
        m.some((r) => r.id === ids.get(c.name) && (c.streams === null || r.fromStreams)),
      );
    });
  });
  afterAll(() => w.close());

  it.each(CASES.map((c) => [c.name, c] as const))(
    'when %s arrives by webhook, then the API reads its method and load back',
    async (_name, c) => {
      const a = (await activities()).find((x) => x.id === ids.get(c.name))!;
      expect(a.method).toBe(c.method);
      expect(Math.abs(a.load! - c.load)).toBeLessThanOrEqual(0.5);
      const { rows } = await w.deps.db.query<{ load: number }>(
        'select load from activity_metric where activity_id = $1',
        [ids.get(c.name)],
      );
      expect(Math.abs(rows[0]!.load - c.load)).toBeLessThan(0.01); // stored at full precision
    },
  );

  it('when the descent is stored, then its quads carry 11 AU per 100 m descended on top of their share (strain model)', async () => {
    const { rows } = await w.deps.db.query<{
      a: { eccentricLoadsAu: Record<string, number>; descentM: number };
    }>('select area_loads as a from activity_metric where activity_id = $1', [ids.get(CASES[4]!.name)]);
    const descentM = (1800 * 3 * 0.15) / Math.sqrt(1 + 0.15 ** 2); // 801.0 m
    expect(rows[0]!.a.descentM).toBeCloseTo(descentM, 3);
    expect(rows[0]!.a.eccentricLoadsAu.quads).toBeCloseTo(0.11 * descentM, 3);
  });

  it('when history is one day long, then the athlete page shows "calibrating: 1 of 42 days" instead of fitness and truthful labels', async () => {
    const res = await request(buildApp(w.deps)).get(`/api/athletes/${athleteId}`).set('Cookie', cookie);
    expect(res.body.today.fitness).toBeNull();
    expect(res.body.today.calibration.fitness.label).toBe('calibrating: 1 of 42 days');
    expect(res.body.today.loadRange).toBeNull();
    expect(res.body.physiology.find((p: { key: string }) => p.key === 'lthrBpm').sourceLabel).toBe(
      'entered by you',
    );
  });

  it('when the athlete picks the Edwards model, then every HR session is recomputed and its method field says so (150/190 -> zone 3 of LTHR zone 4: 75)', async () => {
    const app = buildApp(w.deps);
    const csrf = await csrfFor(app, cookie);
    const put = await request(app)
      .put(`/api/athletes/${athleteId}/physiology`)
      .set('Cookie', cookie)
      .set('x-csrf-token', csrf)
      .send({ hrLoadModel: 'edwards' });
    expect(put.status).toBe(200);
    const id = ids.get(CASES[8]!.name);
    await waitFor('Edwards recompute', async () =>
      (await activities()).some((a) => a.id === id && a.method === 'edwardsStream'),
    );
    const a = (await activities()).find((x) => x.id === id)!;
    expect(a.load).toBe(75);
    expect(a.methodLabel).toBe('Heart-rate zones (Edwards)');
  });
});
