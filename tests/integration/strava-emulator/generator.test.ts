import {
  generateHistory,
  materializeActivity,
  stringifyJson,
  type ProfileName,
} from '../../../tools/strava-emulator';

const END = '2026-03-01T12:00:00Z';
const PROFILES: ProfileName[] = ['marathoner', 'trail-runner', 'cyclist', 'triathlete', 'comeback'];

describe('strava emulator: data generator', () => {
  it('when the seed is the same, then athletes, plans and streams are identical; a new seed changes them', () => {
    const a = generateHistory('trail-runner', { days: 60, endDate: END, seed: 42 });
    const b = generateHistory('trail-runner', { days: 60, endDate: END, seed: 42 });
    const c = generateHistory('trail-runner', { days: 60, endDate: END, seed: 43 });
    expect(stringifyJson(a)).toBe(stringifyJson(b));
    expect(stringifyJson(a)).not.toBe(stringifyJson(c));
    const plan = a.plans.find((p) => p.kind === 'trail-run')!;
    expect(stringifyJson(materializeActivity(a.athlete, plan))).toBe(
      stringifyJson(materializeActivity(b.athlete, plan)),
    );
  });

  it('when 180 days are generated per profile, then every required activity flavour appears somewhere', () => {
    const all = PROFILES.flatMap((p) => generateHistory(p, { days: 180, endDate: END, seed: 1 }).plans);
    const kinds = new Set(all.map((p) => p.kind));
    for (const k of [
      'easy-run',
      'tempo-run',
      'interval-run',
      'long-run',
      'trail-run',
      'race-run',
      'ride-power',
      'ride-no-power',
      'indoor-ride',
      'race-ride',
      'swim',
      'hike',
      'weight-training',
      'manual-run',
    ]) {
      expect(kinds).toContain(k);
    }
    expect(all.some((p) => p.private)).toBe(true);
    expect(all.some((p) => !p.hasHeartrate && p.kind !== 'manual-run')).toBe(true);
  });

  it('when a comeback history is generated, then it has a long gap before the return', () => {
    const { plans } = generateHistory('comeback', { days: 180, endDate: END, seed: 1 });
    const gapsDays = plans.slice(1).map((p, i) => (p.startMs - plans[i]!.startMs) / 86_400_000);
    expect(Math.max(...gapsDays)).toBeGreaterThan(45);
  });

  it('when a 3 h trail run is materialized, then it is fast and its summary agrees with its streams', () => {
    const h = generateHistory('trail-runner', { days: 60, endDate: END, seed: 4 });
    const plan = {
      ...h.plans.find((p) => p.kind === 'trail-run')!,
      targetDurationS: 10_800,
      hasHeartrate: true,
    };
    const t0 = performance.now();
    const { stats, streams } = materializeActivity(h.athlete, plan);
    // ~25 ms on an idle machine; the bound only guards against accidental quadratic work on a loaded CI box.
    expect(performance.now() - t0).toBeLessThan(3000);
    const dist = streams!.distance as number[];
    const alt = streams!.altitude as number[];
    const grade = streams!.grade_smooth as number[];
    const hr = streams!.heartrate as number[];
    expect(streams!.time).toHaveLength(10_800);
    expect(stats.elapsedTimeS).toBe(10_800);
    expect(stats.distanceM).toBe(dist[dist.length - 1]);
    expect(stats.maxHeartrateBpm).toBe(Math.max(...hr));
    expect(stats.movingTimeS).toBe((streams!.moving as boolean[]).filter(Boolean).length);
    expect(Math.min(...grade)).toBeLessThan(-15);
    // grade_smooth is the slope of altitude over distance
    const i = grade.findIndex((g) => g < -15);
    const j = i + 10;
    const slopePct = ((alt[j]! - alt[i]!) / (dist[j]! - dist[i]!)) * 100;
    expect(Math.abs(slopePct - (grade[i]! + grade[j]!) / 2)).toBeLessThan(4);
  });

  it('when rides are materialized, then power-meter rides have watts and NP, estimated ones do not', () => {
    const h = generateHistory('cyclist', { days: 60, endDate: END, seed: 2 });
    const pm = materializeActivity(
      h.athlete,
      h.plans.find((p) => p.kind === 'ride-power')!,
    );
    const est = materializeActivity(
      h.athlete,
      h.plans.find((p) => p.kind === 'ride-no-power')!,
    );
    const indoor = materializeActivity(
      h.athlete,
      h.plans.find((p) => p.kind === 'indoor-ride')!,
    );
    expect(pm.stats).toMatchObject({ deviceWatts: true, trainer: false });
    expect(pm.stats.weightedAverageWattsW!).toBeGreaterThanOrEqual(Math.round(pm.stats.averageWattsW!));
    expect(pm.streams!.watts).toBeDefined();
    expect(est.stats).toMatchObject({ deviceWatts: false, weightedAverageWattsW: null });
    expect(est.streams!.watts).toBeUndefined();
    expect(indoor.stats).toMatchObject({ trainer: true, startLatlng: [] });
    expect(indoor.streams!.latlng).toBeUndefined();
  });
});
