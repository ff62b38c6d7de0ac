/**
 * Plain-word explanations the product shows next to strain estimates, so the e-mail, the dashboard and
 * docs/strain-model.md say the same thing. Wording follows training-science §5.5: estimates, never measurements.
 */
import type { StrainState } from './strain-state';

export const STRAIN_EXPLANATIONS = {
  whatItIs:
    'An estimate, from your wearable data, of how much each muscle area worked in recent sessions and how sore it may feel. It is not a medical measurement.',
  split:
    'Each sport spreads its training load over seven areas using published biomechanics studies (how much work each joint does). The split is our heuristic, not a measured value.',
  hills:
    'Climbs shift work toward your glutes and hips; descents shift it toward your quads. Running or hiking downhill counts extra for quads and calves, because braking (eccentric) work causes the most soreness.',
  repeatedBout:
    'Muscles adapt: if you run downhill regularly, a descent counts for less extra soreness than the first steep descent in months. The protection fades after about 6 to 9 weeks without it.',
  timeCourse:
    'Soreness from a hard session typically peaks about two days later and fades within 5 to 7 days.',
  baseline:
    'Each area is compared with what is usual for you over the last 4 weeks, so regular training does not look like strain.',
  limits:
    'We cannot see your technique, terrain underfoot, sleep or strength work you did not record. If something hurts sharply, swells or gets worse, see a health professional.',
} as const;

/** One line per state, for the recommendation e-mail ("Your quads: ..."). */
export const STRAIN_STATE_EXPLANATIONS: Readonly<Record<StrainState, string>> = {
  fresh: 'within your usual range',
  loaded: 'working harder than usual for you',
  strained: 'likely to feel sore: well above your usual load',
  recovering: 'past the worst, still recovering',
};

/** Sources behind the estimate, as the product may cite them. */
export const STRAIN_SOURCES = [
  'Ericson et al. 1986, Eur J Appl Physiol 55:229 (cycling muscle work)',
  'Schache et al. 2015, J Exp Biol 218:2472 (running and walking joint work)',
  'Hamner, Seth & Delp 2010, J Biomech 43:2709 (muscle roles in running)',
  'Roberts & Belliveau 2005, J Exp Biol 208:1963 (uphill running)',
  'Shih & Ho 2023, J Sports Sci Med 22:111 (sloped running)',
  'Maeo et al. 2017, Sci Rep 7:5769 (downhill running damage)',
  'Morouco et al. 2015, BioMed Res Int 2015:563206 (front-crawl arm vs leg force)',
  'Tachibana et al. 2003, MSSE 35(5) Suppl:S324 (rowing power by segment)',
  'Minetti et al. 2002, J Appl Physiol 93:1039 (energy cost on slopes)',
  'Cheung, Hume & Maxwell 2003, Sports Med 33:145 (DOMS time course)',
  'Khassetarash et al. 2021, J Sport Health Sci; Cleary et al. 2002, J Athl Train 37:32 (repeated-bout effect)',
] as const;
