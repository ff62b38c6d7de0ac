/**
 * The seven body areas the strain model and the notifier speak about (training-science "Conventions": the seed's
 * legs/hips/back/neck/shoulders/arms at a runner's resolution). The order here is the order the product shows.
 */

export const BODY_AREAS = [
  'calves',
  'quads',
  'hamstrings',
  'glutesHips',
  'lowerBack',
  'neckShoulders',
  'arms',
] as const;

export type BodyArea = (typeof BODY_AREAS)[number];

/** Human labels, lower case so they fit mid-sentence ("your quads and glutes/hips"). */
export const BODY_AREA_LABELS: Readonly<Record<BodyArea, string>> = {
  calves: 'calves',
  quads: 'quads',
  hamstrings: 'hamstrings',
  glutesHips: 'glutes/hips',
  lowerBack: 'lower back',
  neckShoulders: 'neck/shoulders',
  arms: 'arms',
};

/** One number per body area; the unit is given by the field that holds it. */
export type AreaRecord = Readonly<Record<BodyArea, number>>;

export function zeroAreas(): Record<BodyArea, number> {
  return { calves: 0, quads: 0, hamstrings: 0, glutesHips: 0, lowerBack: 0, neckShoulders: 0, arms: 0 };
}

export function sumAreas(record: AreaRecord): number {
  let total = 0;
  for (const area of BODY_AREAS) total += record[area];
  return total;
}

/** Case, spaces and punctuation are ignored, so 'glutesHips', 'glutes/hips' and 'Glutes / Hips' all match. */
function tagKey(tag: string): string {
  return tag.toLowerCase().replace(/[^a-z]/g, '');
}

const AREA_BY_TAG_KEY: ReadonlyMap<string, BodyArea> = new Map(
  BODY_AREAS.flatMap((area) => [
    [tagKey(area), area] as const,
    [tagKey(BODY_AREA_LABELS[area]), area] as const,
  ]),
);

export interface ParsedTags {
  /** Known areas, de-duplicated, in BODY_AREAS order. */
  areas: BodyArea[];
  /** Tags we could not map, as given (non-strings are shown via String()). */
  unknown: string[];
}

/**
 * Validates athlete-entered area tags. Accepts the area ids and the human labels in any case; anything else is
 * returned in `unknown` so the caller can record that it was ignored. Never throws.
 */
export function parseTaggedAreas(tags: unknown): ParsedTags {
  if (!Array.isArray(tags)) return { areas: [], unknown: [] };
  const found = new Set<BodyArea>();
  const unknown: string[] = [];
  for (const tag of tags as unknown[]) {
    const area = typeof tag === 'string' ? AREA_BY_TAG_KEY.get(tagKey(tag)) : undefined;
    if (area) found.add(area);
    else unknown.push(String(tag));
  }
  return { areas: BODY_AREAS.filter((area) => found.has(area)), unknown };
}
