import {
  composeRecommendation,
  evaluateRules,
  type RecommendationContext,
} from '../../../../../services/domain/recommend';
import { buildActivity, buildContext, buildStrain, downhillContext, race } from './builders';

const compose = (context: RecommendationContext) => composeRecommendation(context, evaluateRules(context));
const allText = (rec: ReturnType<typeof compose>) =>
  [rec.headline, ...rec.reasons, ...rec.advice, ...rec.cautions, rec.therapistNote, rec.estimateNote].join(
    '\n',
  );

describe('composeRecommendation after a downhill run', () => {
  const rec = compose(downhillContext());

  it('when the quads are at 2.1x after a descent, then it suggests a sports massage 24-72 h after the run', () => {
    expect(rec.status).toBe('suggest');
    expect(rec.suggestion).toMatchObject({
      type: 'sports',
      pressure: 'moderate',
      bodyAreas: ['quads'],
      durationMin: { min: 30, max: 45 },
      window: { startsInH: 0, endsInH: 32, label: "24–72 h after Sunday's 1,100 m descent" },
    });
    expect(rec.headline).toBe("Sports massage for your quads, 24–72 h after Sunday's 1,100 m descent");
  });

  it('when explaining, then the reason names the area, the ratio, the day and the descent', () => {
    expect(rec.reasons[0]).toBe(
      "Your quads took about 2.1 times their usual load on Sunday's 1,100 m descent " +
        '(estimated soreness load 105 tomorrow vs a usual 50).',
    );
  });

  it('when not in a maintenance week, then deep tissue and trigger point are to be avoided', () => {
    expect(rec.allowedTypes).toEqual(['swedish', 'sports']);
    expect(rec.avoidTypes).toEqual(['deep-tissue', 'trigger-point']);
  });

  it('when the run ended 6 h ago, then the window opens in 18 h and a light option for sooner is offered', () => {
    const fresh = downhillContext({
      recentActivities: [
        buildActivity({ sportType: 'TrailRun', descentM: 1100, sinceEndH: 6, localDate: '2026-05-12' }),
      ],
    });
    const freshRec = compose(fresh);
    expect(freshRec.suggestion?.window).toMatchObject({ startsInH: 18, endsInH: 66 });
    expect(freshRec.advice.join(' ')).toContain('short, light Swedish massage (10–20 min)');
  });

  it('when always, then it recommends a licensed therapist who works with athletes and says numbers are estimates', () => {
    expect(rec.therapistNote).toContain('licensed massage therapist who works with athletes');
    expect(rec.estimateNote).toContain('estimates from your wearable data');
    expect(rec.cautions.join(' ')).toMatch(/blood clot/);
  });
});

describe('composeRecommendation before a race', () => {
  it('when an A race is 2 days away, then only a short light Swedish massage is allowed, ending before race day', () => {
    const rec = compose(downhillContext({ races: [race('2026-05-14', 'A')] }));
    expect(rec.allowedTypes).toEqual(['swedish']);
    expect(rec.avoidTypes).toEqual(expect.arrayContaining(['deep-tissue', 'trigger-point', 'sports']));
    expect(rec.suggestion).toMatchObject({
      type: 'swedish',
      pressure: 'light',
      durationMin: { min: 10, max: 15 },
    });
    expect(rec.suggestion!.window.endsInH).toBeLessThanOrEqual(48);
    expect(rec.advice).toContain(
      'No deep tissue or trigger point massage in the 72 h before your race on Thursday 14 May.',
    );
  });

  it('when a B race is 5 days away in an otherwise quiet week, then deep work is still held back', () => {
    const rec = compose(buildContext({ races: [race('2026-05-17', 'B')], tightAreas: ['calves'] }));
    expect(rec.avoidTypes).toEqual(['deep-tissue', 'trigger-point']);
    expect(rec.status).toBe('none');
  });

  it('when an A race is 6 days away, then deep work is held back (7-day buffer), but a C race 6 days away does not', () => {
    expect(compose(buildContext({ races: [race('2026-05-18', 'A')] })).avoidTypes).toContain('deep-tissue');
    expect(compose(buildContext({ races: [race('2026-05-18', 'C')] })).avoidTypes).toEqual([]);
  });

  it('when the only race is in the past, then it is ignored', () => {
    expect(compose(buildContext({ races: [race('2026-05-11', 'A')] })).allowedTypes).toContain('deep-tissue');
  });
});

describe('composeRecommendation in a maintenance week', () => {
  it('when no race is near, no hard session in 72 h and the calves keep tightening, then deep tissue is suggested', () => {
    const rec = compose(
      buildContext({ tightAreas: ['calves'], recentActivities: [buildActivity({ sinceEndH: 80 })] }),
    );
    expect(rec.allowedTypes).toEqual(['swedish', 'sports', 'deep-tissue', 'trigger-point']);
    expect(rec.suggestion).toMatchObject({
      type: 'deep-tissue',
      bodyAreas: ['calves'],
      alternatives: ['trigger-point'],
    });
  });

  it('when a hard session ended 50 h ago, then it is not a maintenance week', () => {
    const rec = compose(
      buildContext({
        tightAreas: ['calves'],
        recentActivities: [buildActivity({ loadAu: 350, sinceEndH: 50 })],
      }),
    );
    expect(rec.avoidTypes).toEqual(['deep-tissue', 'trigger-point']);
    expect(rec.suggestion?.type).toBe('sports');
  });
});

describe('composeRecommendation other situations', () => {
  it('when injured, then suggestions pause and the text advises a clinician', () => {
    const rec = compose(downhillContext({ health: { injured: true, ill: false } }));
    expect(rec.status).toBe('paused');
    expect(rec.suggestion).toBeNull();
    expect(rec.advice.join(' ')).toMatch(/see a clinician/);
  });

  it('when ill, then suggestions pause and fever/infection is named', () => {
    const rec = compose(buildContext({ health: { injured: false, ill: true } }));
    expect(rec.status).toBe('paused');
    expect(rec.advice.join(' ')).toMatch(/fever or an infection/);
  });

  it('when a 340 AU ride ended 3 h ago, then a light Swedish massage within 24 h is suggested', () => {
    const ride = buildActivity({ sportType: 'Ride', loadAu: 340, sinceEndH: 3, localDate: '2026-05-12' });
    const rec = compose(
      buildContext({ recentActivities: [ride], areas: [buildStrain({ projectedSorenessAu: 60 })] }),
    );
    expect(rec.suggestion).toMatchObject({
      type: 'swedish',
      pressure: 'light',
      durationMin: { min: 10, max: 20 },
    });
    expect(rec.suggestion!.window).toEqual({
      startsInH: 0,
      endsInH: 21,
      label: "within 24 h of today's ride",
    });
    expect(rec.reasons[0]).toContain('estimated training load of 340');
  });

  it('when only form and monotony are flagged, then a whole-body Swedish massage and easier days are suggested', () => {
    const rec = compose(
      buildContext({ training: { calibrating: false, tsb: -35, acuteChronicRatio: 1.2, monotony: 2.3 } }),
    );
    expect(rec.suggestion).toMatchObject({ type: 'swedish', bodyAreas: [], bodyAreaLabels: ['whole body'] });
    expect(rec.reasons).toEqual([
      'Your form (TSB) is -35, at or below -30: your recent fatigue is well above your fitness.',
      'Your training days this week have been very alike (monotony 2.3, above 2.0); mixing easier and harder days is usually advised.',
    ]);
    expect(rec.advice.join(' ')).toMatch(/easier days/);
  });

  it('when the load spikes, then it is called a load spike with its ratio and never an injury risk', () => {
    const rec = compose(
      buildContext({ training: { calibrating: false, tsb: -5, acuteChronicRatio: 1.62, monotony: 1 } }),
    );
    expect(rec.reasons[0]).toContain('about 1.6 times your usual (a load spike');
    expect(allText(rec)).not.toMatch(/injury/i);
  });

  it('when there are no alerts, then the status is none', () => {
    expect(compose(buildContext())).toMatchObject({ status: 'none', suggestion: null, alertKeys: [] });
  });
});
