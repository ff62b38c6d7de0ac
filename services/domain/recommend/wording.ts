/**
 * Every fixed sentence the recommendation may show, kept to training-science.md 5.5 (safe claim language) and
 * 5.4 (contraindications and red flags). Numbers are estimates from wearable data, never medical measurements;
 * no sentence predicts injury or promises healing.
 */

/**
 * Phrases no composed text may contain (checked case-insensitively as substrings). They cover the claims 5.5
 * forbids (toxins/lactic acid, injury prevention or risk, healing, inflammation, "deep tissue is better") and
 * diagnostic or zone language from 3.2. "flush" is banned outright: the word invites the toxin myth.
 */
export const forbiddenPhrases: readonly string[] = [
  'toxin',
  'detox',
  'lactic acid',
  'lactate',
  'flush',
  'prevents injur',
  'prevent injur',
  'injury prevention',
  'injury risk',
  'risk of injury',
  'chance of injury',
  'injury probability',
  'speeds healing',
  'speed healing',
  'speeds up healing',
  'faster healing',
  'reduces inflammation',
  'reduce inflammation',
  'anti-inflammatory',
  'deep tissue is better',
  'diagnos',
  'overtrain',
  'danger zone',
  'sweet spot',
  'safe zone',
  'guarantee',
  'improves performance',
  'boosts performance',
];

/** The forbidden phrases `text` contains (lower-cased), in list order; [] when clean. */
export function findForbiddenPhrases(text: string): string[] {
  const lower = text.toLowerCase();
  return forbiddenPhrases.filter((phrase) => lower.includes(phrase));
}

/** Safe claims (5.5), quoted nearly verbatim. */
export const CLAIMS = {
  soreness: 'Massage may reduce muscle soreness (DOMS) in the 1–3 days after hard exercise.',
  fatigue: 'Massage may help you feel less fatigued and may slightly improve flexibility.',
  performance:
    'Research has not shown that massage improves strength, sprint, jump or endurance performance; effects on performance recovery are small.',
  preRace:
    'Deep or long massage right before a race can leave muscles sore or feeling flat; keep pre-race massage short and light.',
  sharpPain:
    'If you have pain that is sharp, swollen, or getting worse, see a health professional instead of booking a massage.',
} as const;

export const ESTIMATE_NOTE =
  'All numbers here are estimates from your wearable data, not medical measurements.';

export const THERAPIST_NOTE =
  'Book with a licensed massage therapist who works with athletes, and tell them about your recent training, any pain and any health conditions.';

export const LOAD_SPIKE_ADVICE = 'Many coaches reduce load or add recovery after spikes like this.';

export const HEAVY_WEEK_ADVICE =
  'Consider a few easier days or an extra rest day; massage can help you feel recovered but does not replace rest.';

/** Contraindications and red flags (5.4), shown with every suggestion. */
export const CAUTIONS: readonly string[] = [
  'Skip massage and contact a clinician if you have a fever or an infection, a known or suspected blood clot, severe or uncontrolled high blood pressure, or any acute condition that needs first aid.',
  'Do not have an area massaged if it has a fresh strain, sprain, tear or bruise (the first 2–3 days), a possible fracture, an open or healing wound, a burn or skin infection, acute inflammation, recent surgery, varicose veins, a tumour, or a hard lump after a deep bruise.',
  'Ask your doctor first, and ask the therapist for light pressure only, if you have a bleeding disorder or take blood thinners, or have osteoporosis, heart disease, cancer, diabetic nerve damage, or are pregnant.',
  'See a clinician instead of booking a massage if pain is sharp or in one spot, gets worse, lasts more than about a week or is there at rest, comes with swelling, or if one calf is painful, swollen, warm or red.',
];

/** Text for the injured/ill pause. */
export function pausedAdvice(health: { injured: boolean; ill: boolean }): string[] {
  const what = health.injured && health.ill ? 'injured and ill' : health.injured ? 'injured' : 'ill';
  const lines = [
    `You have marked yourself as ${what}, so we have paused massage suggestions.`,
    'Please see a clinician (a doctor or physiotherapist) before booking a massage, and tell them about your recent training.',
  ];
  if (health.ill) lines.push('Massage is not advised while you have a fever or an infection.');
  lines.push('Suggestions resume when you clear the flag in your settings.');
  return lines;
}
