/**
 * The cleaning record of one strain estimate: what was missing, noisy or guessed. Stored with the estimate so a
 * reviewer (or the product's "how we estimated this" text) can see why the split looks the way it does.
 */

export type StrainNoteCode =
  /** The load was NaN, infinite or negative; 0 was used. */
  | 'invalid-load'
  /** Sport not in the coefficient table: split evenly over all areas. */
  | 'unknown-sport-uniform'
  /** Sport is split evenly on purpose (weights, yoga, ...) and the athlete tagged nothing usable. */
  | 'uniform-split'
  /** The athlete's tags replaced the even split. */
  | 'tagged-areas-used'
  /** Some tags were not body areas we know; `detail` lists them. */
  | 'unknown-tags-ignored'
  /** The sport has a modelled split, so tags were not used. */
  | 'tags-ignored-for-modelled-sport'
  /** Streams have different lengths; `count` is the common length used. */
  | 'streams-truncated'
  /** No usable grade stream. */
  | 'grade-stream-missing'
  /** Grade stream too gappy or jumpy to trust. */
  | 'grade-stream-noisy'
  /** `count` missing grade samples filled from their neighbours. */
  | 'grade-gaps-filled'
  /** `count` samples steeper than ±50 % treated as missing (GPS/barometer artefacts). */
  | 'absurd-grade-dropped'
  /** Grade was derived from altitude and distance, then smoothed. */
  | 'grade-from-altitude'
  /** Altitude-derived grade was too noisy or absurd to use. */
  | 'altitude-noisy'
  /** Grade came from the summary: gain / distance, duration split into up and down halves. */
  | 'grade-from-summary'
  /** The summary gradient was above 50 % and was clamped. */
  | 'summary-gradient-clamped'
  /** Summary had no usable distance or elevation: treated as level. */
  | 'summary-grade-unavailable'
  /** Per-sample weights were unusable as a whole (wrong length, all zero); duration weights used instead. */
  | 'sample-weights-ignored'
  /** `count` per-sample weights were NaN or negative and counted as 0. */
  | 'sample-weights-cleaned';

export interface StrainNote {
  code: StrainNoteCode;
  count?: number;
  detail?: string;
}
