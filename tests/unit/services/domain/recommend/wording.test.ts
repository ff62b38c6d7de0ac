import fc from 'fast-check';
import {
  composeRecommendation,
  evaluateRules,
  findForbiddenPhrases,
  forbiddenPhrases,
  type Recommendation,
} from '../../../../../services/domain/recommend';
import { contextArb } from './arbitraries';

/** Every piece of text a recommendation carries. */
function textsOf(rec: Recommendation): string[] {
  const s = rec.suggestion;
  const suggestionTexts = s ? [s.typeLabel, s.window.label, ...s.bodyAreaLabels] : [];
  return [
    rec.headline,
    ...rec.reasons,
    ...rec.advice,
    ...rec.cautions,
    rec.therapistNote,
    rec.estimateNote,
    ...(rec.formNote ? [rec.formNote] : []),
    ...suggestionTexts,
  ];
}

describe('forbiddenPhrases', () => {
  it.each([
    'Massage flushes toxins from the muscles.',
    'It helps clear lactic acid.',
    'This prevents injury.',
    'Your injury risk is 20%.',
    'Massage speeds healing.',
    'It reduces inflammation.',
    'Deep tissue is better.',
    'We diagnosed a strain.',
  ])('when a text says "%s", then it is flagged', (text) => {
    expect(findForbiddenPhrases(text).length).toBeGreaterThan(0);
  });

  it('when the list is read, then it covers the claims training-science 5.5 forbids', () => {
    expect(forbiddenPhrases).toEqual(
      expect.arrayContaining([
        'toxin',
        'lactic acid',
        'prevents injur',
        'speeds healing',
        'reduces inflammation',
        'deep tissue is better',
      ]),
    );
  });
});

describe('composed wording', () => {
  it('when many generated contexts are composed, then no text contains a forbidden phrase or a broken number', () => {
    fc.assert(
      fc.property(contextArb, (context) => {
        const rec = composeRecommendation(context, evaluateRules(context));
        for (const text of textsOf(rec)) {
          expect(findForbiddenPhrases(text)).toEqual([]);
          expect(text).not.toMatch(/NaN|undefined|Infinity|null/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('when a suggestion is made, then a licensed therapist, estimates and the cautions are always present', () => {
    fc.assert(
      fc.property(contextArb, (context) => {
        const rec = composeRecommendation(context, evaluateRules(context));
        expect(rec.therapistNote).toMatch(/licensed massage therapist who works with athletes/);
        expect(rec.estimateNote).toMatch(/estimates/);
        expect(rec.cautions.length).toBeGreaterThan(0);
        if (context.health.injured || context.health.ill) {
          expect(rec.suggestion).toBeNull();
          expect(rec.advice.join(' ')).toMatch(/clinician/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when a race is within 3 days or the week is not maintenance, then deep tissue is never suggested', () => {
    fc.assert(
      fc.property(contextArb, (context) => {
        const rec = composeRecommendation(context, evaluateRules(context));
        if (rec.suggestion) expect(rec.allowedTypes).toContain(rec.suggestion.type);
        if (!rec.allowedTypes.includes('deep-tissue')) expect(rec.suggestion?.type).not.toBe('deep-tissue');
      }),
      { numRuns: 300 },
    );
  });

  it('when composed twice, then the output is identical', () => {
    fc.assert(
      fc.property(contextArb, (context) => {
        const alerts = evaluateRules(context);
        expect(composeRecommendation(context, alerts)).toEqual(composeRecommendation(context, alerts));
      }),
      { numRuns: 100 },
    );
  });
});
