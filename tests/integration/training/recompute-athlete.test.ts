import { recomputeAthlete } from '../../../services/training/recompute-athlete';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { insertActivityRow, insertAthleteRow, steadyRunStreams } from '../../support/training-builders';

let deps: TestDeps;
const NOW = Date.parse('2026-06-30T18:00:00Z');

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock = () => NOW;
});
afterAll(async () => {
  await deps.close();
});

const seriesOf = async (athleteId: string) =>
  (
    await deps.db.query(
      `select to_char(day, 'YYYY-MM-DD') as day, load, ctl, atl, tsb, ramp7, load_spike_ratio, monotony, strain, calibrating,
              history_day, acute_load, chronic_load from daily_series where athlete_id = $1 order by day`,
      [athleteId],
    )
  ).rows;

describe('recompute-athlete', () => {
  it('when activities arrive, then each gets a load with method, confidence and inputs, and the series runs to today', async () => {
    const { athleteId } = await insertAthleteRow(deps.db);
    await insertActivityRow(deps.db, athleteId, {
      startDate: '2026-06-01T07:00:00Z',
      averageHeartrateBpm: 150,
    });
    await insertActivityRow(deps.db, athleteId, {
      startDate: '2026-06-10T07:00:00Z',
      streams: steadyRunStreams(1800, 155, 3.2, 0),
    });
    await insertActivityRow(deps.db, athleteId, {
      startDate: '2026-06-12T07:00:00Z',
      averageHeartrateBpm: null,
      rpe: 7,
    });
    const outcome = await recomputeAthlete(deps, {
      athleteId,
      fromDate: '2026-06-01',
      recomputeActivities: false,
    });
    // 3 activities; the streamed one raises the observed HR max, so all 3 are recomputed on that basis.
    expect(outcome).toMatchObject({ activitiesComputed: 6 });
    const { rows } = await deps.db.query(
      `select method, confidence, from_streams, inputs, load from activity_metric where athlete_id = $1 order by local_date`,
      [athleteId],
    );
    expect(rows.map((r) => [r.method, r.from_streams])).toEqual([
      ['hrssAverage', false],
      ['hrssStream', true],
      ['sessionRpe', false],
    ]);
    // sRPE: RPE 7 for 60 min = 7 x 60 x 100 / (7 x 60) = 100 (the pinned scale)
    expect(rows[2].load).toBeCloseTo(100, 6);
    for (const r of rows) {
      expect(['high', 'medium', 'low']).toContain(r.confidence);
      expect(r.load).toBeGreaterThan(0);
    }
    const series = await seriesOf(athleteId);
    expect(series[0].day).toBe('2026-06-01');
    expect(series.at(-1).day).toBe('2026-06-30');
    expect(series).toHaveLength(30);
    expect(series.every((d) => d.calibrating)).toBe(true);
  });

  it('when run twice with nothing changed, then nothing is recomputed', async () => {
    const { athleteId } = await insertAthleteRow(deps.db);
    await insertActivityRow(deps.db, athleteId, { startDate: '2026-06-20T07:00:00Z' });
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-06-20', recomputeActivities: false });
    const again = await recomputeAthlete(deps, {
      athleteId,
      fromDate: '2026-06-20',
      recomputeActivities: false,
    });
    expect(again?.activitiesComputed).toBe(0);
  });

  it('when a later activity arrives, then the incremental recompute equals a full rebuild', async () => {
    const { athleteId } = await insertAthleteRow(deps.db);
    for (let d = 1; d <= 28; d += 3) {
      await insertActivityRow(deps.db, athleteId, {
        startDate: `2026-05-${String(d).padStart(2, '0')}T07:00:00Z`,
        averageHeartrateBpm: 140 + d,
      });
    }
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-05-01', recomputeActivities: false });
    await insertActivityRow(deps.db, athleteId, {
      startDate: '2026-06-15T07:00:00Z',
      averageHeartrateBpm: 170,
      movingTimeS: 7200,
    });
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-06-15', recomputeActivities: false });
    const incremental = await seriesOf(athleteId);
    await deps.db.query('delete from daily_series where athlete_id = $1', [athleteId]);
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-05-01', recomputeActivities: true });
    const full = await seriesOf(athleteId);
    expect(incremental).toHaveLength(full.length);
    incremental.forEach((day, i) => {
      for (const k of Object.keys(day)) {
        if (typeof day[k] === 'number') expect([k, day[k]]).toEqual([k, expect.closeTo(full[i][k], 9)]);
        else expect([k, day[k]]).toEqual([k, full[i][k]]);
      }
    });
  });

  it('when an activity is deleted, then its day loses its load', async () => {
    const { athleteId } = await insertAthleteRow(deps.db);
    await insertActivityRow(deps.db, athleteId, { startDate: '2026-06-01T07:00:00Z' });
    const id = await insertActivityRow(deps.db, athleteId, { startDate: '2026-06-05T07:00:00Z' });
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-06-01', recomputeActivities: false });
    expect((await seriesOf(athleteId)).find((d) => d.day === '2026-06-05').load).toBeGreaterThan(0);
    await deps.db.query('delete from activity where id = $1', [id]);
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-06-05', recomputeActivities: false });
    expect((await seriesOf(athleteId)).find((d) => d.day === '2026-06-05').load).toBe(0);
  });

  it('when a 6 a.m. run happens in Sydney, then it counts on that Sydney day, not the UTC one', async () => {
    const { athleteId } = await insertAthleteRow(deps.db, { timeZone: 'Australia/Sydney' });
    await insertActivityRow(deps.db, athleteId, {
      startDate: '2026-06-14T20:00:00Z',
      startDateLocal: '2026-06-15T06:00:00',
    });
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-06-15', recomputeActivities: false });
    const series = await seriesOf(athleteId);
    expect(series[0]).toMatchObject({ day: '2026-06-15' });
    expect(series[0].load).toBeGreaterThan(0);
    // NOW is 04:00 on July 1 in Sydney: the series runs to the athlete's today.
    expect(series.at(-1).day).toBe('2026-07-01');
  });

  it('when the athlete enters their HR max, then every activity is recomputed with the entered value', async () => {
    const { athleteId } = await insertAthleteRow(deps.db);
    await insertActivityRow(deps.db, athleteId, {
      startDate: '2026-04-01T07:00:00Z',
      averageHeartrateBpm: 150,
    });
    await insertActivityRow(deps.db, athleteId, {
      startDate: '2026-06-01T07:00:00Z',
      averageHeartrateBpm: 150,
    });
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-04-01', recomputeActivities: false });
    const before = (
      await deps.db.query('select load from activity_metric where athlete_id = $1 order by local_date', [
        athleteId,
      ])
    ).rows;
    await deps.db.query(
      `update athlete set physiology_entered = '{"hrMaxBpm": 175, "hrRestBpm": 50}' where id = $1`,
      [athleteId],
    );
    const outcome = await recomputeAthlete(deps, {
      athleteId,
      fromDate: '2026-06-30',
      recomputeActivities: false,
    });
    expect(outcome?.activitiesComputed).toBe(2);
    const after = (
      await deps.db.query(
        'select load, inputs from activity_metric where athlete_id = $1 order by local_date',
        [athleteId],
      )
    ).rows;
    expect(after[0].load).not.toBeCloseTo(before[0].load, 3);
    expect(JSON.stringify(after[0].inputs)).toContain('entered');
  });

  it('when a steep downhill race has just ended, then alerts are recorded once with an email for the confirmed address', async () => {
    const { athleteId } = await insertAthleteRow(deps.db, { email: 'runner@example.org' });
    for (let d = 1; d <= 25; d += 2) {
      await insertActivityRow(deps.db, athleteId, {
        startDate: `2026-06-${String(d).padStart(2, '0')}T07:00:00Z`,
        averageHeartrateBpm: 140,
      });
    }
    await insertActivityRow(deps.db, athleteId, {
      name: 'Mountain race',
      sportType: 'TrailRun',
      startDate: '2026-06-29T08:00:00Z',
      workoutType: 1,
      movingTimeS: 3 * 3600,
      elevationGainM: 1100,
      streams: steadyRunStreams(3 * 3600, 168, 2.5, -12),
    });
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-06-01', recomputeActivities: false });
    const alerts = (
      await deps.db.query(
        'select rule_id, body_area, status from alert where athlete_id = $1 order by rule_id, body_area',
        [athleteId],
      )
    ).rows;
    expect(alerts.map((a) => a.rule_id)).toContain('hard-session');
    expect(alerts.some((a) => a.rule_id === 'area-strain' && a.body_area === 'quads')).toBe(true);
    const outbox = (
      await deps.db.query('select recipient, kind from email_outbox where athlete_id = $1', [athleteId])
    ).rows;
    expect(outbox).toEqual([expect.objectContaining({ recipient: 'runner@example.org' })]);
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-06-29', recomputeActivities: true });
    const again = (
      await deps.db.query('select count(*)::int as n from alert where athlete_id = $1', [athleteId])
    ).rows[0].n;
    expect(again).toBe(alerts.length);
    expect(
      (await deps.db.query('select count(*)::int as n from email_outbox where athlete_id = $1', [athleteId]))
        .rows[0].n,
    ).toBe(1);
  });
});
