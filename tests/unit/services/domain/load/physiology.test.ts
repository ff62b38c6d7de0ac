/** resolvePhysiology and the observed-max-HR helpers. */
import {
  cleanStreams,
  maxHrOverLast12Months,
  observedMaxHrBpm,
  resolvePhysiology,
} from '../../../../../services/domain/load';
import { constant } from './builders';

const TODAY = '2024-06-01';

describe('resolvePhysiology', () => {
  it('when everything is entered, then every value is "entered" and labelled "entered by you"', () => {
    const p = resolvePhysiology(
      {
        hrMaxBpm: 188,
        hrRestBpm: 48,
        lthrBpm: 170,
        ftpW: 280,
        thresholdPaceSPerKm: 250,
        sex: 'female',
        birthYear: 1990,
      },
      { maxHrLast12MonthsBpm: 195 },
      TODAY,
    );
    expect(p.hrMaxBpm).toMatchObject({ value: 188, source: 'entered', label: 'entered by you' });
    expect(
      [p.hrRestBpm, p.lthrBpm, p.ftpW, p.thresholdPaceSPerKm, p.sex, p.birthYear].map((v) => v?.source),
    ).toEqual(constant(6, 'entered'));
  });

  it('when nothing is known, then defaults apply: max 190, rest 65, LTHR 171.25, unknown sex, no FTP or pace', () => {
    const p = resolvePhysiology({}, {}, TODAY);
    expect(p.hrMaxBpm).toMatchObject({
      value: 190,
      source: 'default',
      label: 'typical value (default, not yours)',
    });
    expect(p.hrRestBpm).toMatchObject({ value: 65, source: 'default' });
    // 65 + 0.85 x 125 = 171.25, kept at full precision (issue 16: it used to be rounded to 171 before use)
    expect(p.lthrBpm).toMatchObject({ value: 171.25, source: 'default' });
    expect(p.sex).toMatchObject({ value: 'unknown', source: 'default' });
    expect(p.ftpW).toBeNull();
    expect(p.thresholdPaceSPerKm).toBeNull();
    expect(p.hrZones.source).toBe('default');
  });

  it('when only the birth year is known, then HRmax is Tanaka 208 - 0.7 x age, labelled "from age (formula)"', () => {
    // Issue 16: a formula value used to be labelled "estimated from your data", which it is not.
    const p = resolvePhysiology({ birthYear: 1984 }, {}, TODAY); // age 40: 208 - 28 = 180
    expect(p.hrMaxBpm).toMatchObject({ value: 180, source: 'estimated', label: 'from age (formula)' });
    // age 41: 208 - 28.7 = 179.3, not rounded to 179 before use
    expect(resolvePhysiology({ birthYear: 1983 }, {}, TODAY).hrMaxBpm.value).toBeCloseTo(179.3, 9);
  });

  it('when values come from different people and data, then each label says who or what truthfully', () => {
    const p = resolvePhysiology(
      { hrMaxBpm: 190, lthrBpm: 172, sex: 'female', enteredBy: { lthrBpm: 'coach', sex: 'strava' } },
      { restingHrBpm: 48 },
      TODAY,
    );
    expect(p.hrMaxBpm.label).toBe('entered by you');
    expect(p.lthrBpm).toMatchObject({
      source: 'entered',
      origin: 'enteredByCoach',
      label: 'entered by your coach',
    });
    expect(p.sex.label).toBe('from your Strava profile');
    expect(p.hrRestBpm.label).toBe('from your wearable');
    const observed = resolvePhysiology({}, { maxHrLast12MonthsBpm: 187 }, TODAY);
    expect(observed.hrMaxBpm.label).toBe('from your heart-rate data');
    expect(observed.lthrBpm.label).toBe('from your maximum and resting heart rate (formula)');
    expect(observed.hrZones.label).toBe('from your threshold heart rate (formula)');
  });

  it('when an observed 12-month maximum exists, then it beats the age formula', () => {
    const p = resolvePhysiology({ birthYear: 1984 }, { maxHrLast12MonthsBpm: 187 }, TODAY);
    expect(p.hrMaxBpm).toMatchObject({ value: 187, source: 'estimated' });
    expect(p.lthrBpm.source).toBe('estimated'); // derived from a non-default maximum
  });

  it('when a low observed maximum comes from only a few easy sessions, then the age formula wins, with a note', () => {
    // age 40: Tanaka 180; observed 155 from 3 sessions is not believed
    const few = resolvePhysiology(
      { birthYear: 1984 },
      { maxHrLast12MonthsBpm: 155, hrActivitiesLast12Months: 3 },
      TODAY,
    );
    expect(few.hrMaxBpm).toMatchObject({ value: 180, source: 'estimated' });
    expect(few.notes.join(' ')).toMatch(/fewer than 10 sessions/);
    const many = resolvePhysiology(
      { birthYear: 1984 },
      { maxHrLast12MonthsBpm: 172, hrActivitiesLast12Months: 40 },
      TODAY,
    );
    expect(many.hrMaxBpm).toMatchObject({ value: 172, source: 'estimated' });
  });

  it('when the entered values are implausible, then they are ignored with a note and the next source is used', () => {
    const p = resolvePhysiology(
      { hrMaxBpm: 300, hrRestBpm: Number.NaN, lthrBpm: 250, ftpW: -5 },
      { maxHrLast12MonthsBpm: 185 },
      TODAY,
    );
    expect(p.hrMaxBpm.value).toBe(185);
    expect(p.lthrBpm.value).toBeCloseTo(65 + 0.85 * 120, 9); // 167, unrounded
    expect(p.ftpW).toBeNull();
    expect(p.notes).toHaveLength(4);
  });

  it('when resting HR is not below max - 10, then it is ignored', () => {
    expect(resolvePhysiology({ hrMaxBpm: 150, hrRestBpm: 145 }, {}, TODAY).hrRestBpm.source).toBe('default');
  });

  it('when the best 20-minute power is known, then FTP is 0.95 x it, estimated', () => {
    expect(resolvePhysiology({}, { best20MinPowerW: 250 }, TODAY).ftpW).toMatchObject({
      value: 237.5, // full precision (issue 16: was rounded to 238 before use)
      source: 'estimated',
      label: 'from your power data',
    });
  });

  it('when the athlete has Strava zones, then they are used and the open top zone (-1) becomes null', () => {
    const zones = [
      { minBpm: 0, maxBpm: 120 },
      { minBpm: 120, maxBpm: -1 },
    ];
    expect(resolvePhysiology({ hrZones: zones }, {}, TODAY).hrZones).toMatchObject({
      source: 'entered',
      value: [
        { minBpm: 0, maxBpm: 120 },
        { minBpm: 120, maxBpm: null },
      ],
    });
  });

  it('when Strava zones are not rising, then zones are derived from LTHR instead', () => {
    const zones = [
      { minBpm: 150, maxBpm: 160 },
      { minBpm: 100, maxBpm: null },
    ];
    expect(resolvePhysiology({ hrZones: zones }, {}, TODAY).hrZones.source).toBe('default');
  });
});

describe('observed maximum HR', () => {
  it('when a peak lasts fewer than 5 samples, then it does not count; a 5-sample plateau does', () => {
    const hr = [...constant(10, 150), ...constant(4, 199), ...constant(10, 150), ...constant(5, 185), 150];
    expect(observedMaxHrBpm(cleanStreams({ heartrateBpm: hr }, 'Run'))).toBe(185);
  });

  it('when there is no HR stream, then it is null', () => {
    expect(observedMaxHrBpm(cleanStreams({ powerW: [1, 2] }, 'Ride'))).toBeNull();
  });

  it('when picking the 12-month maximum, then only days from 365 days ago to today count', () => {
    const entries = [
      { localDate: '2023-06-02', maxHrBpm: 186 }, // 365 days before: inside
      { localDate: '2023-06-01', maxHrBpm: 199 }, // 366 days before: outside
      { localDate: '2024-06-02', maxHrBpm: 198 }, // future: outside
      { localDate: '2024-05-01', maxHrBpm: null },
    ];
    expect(maxHrOverLast12Months(entries, TODAY)).toBe(186);
  });
});
