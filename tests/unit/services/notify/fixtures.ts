/** Shared renderer inputs: a real composed recommendation and signed-looking URLs. */
import {
  composeRecommendation,
  evaluateRules,
  type Recommendation,
} from '../../../../services/domain/recommend';
import { downhillContext } from '../domain/recommend/builders';

export function sampleRecommendation(overrides: Parameters<typeof downhillContext>[0] = {}): Recommendation {
  const context = downhillContext(overrides);
  return composeRecommendation(context, evaluateRules(context));
}

export const ratingUrls = Array.from(
  { length: 10 },
  (_, i) => `https://k.example/rate/act-1/${i + 1}?sig=abc`,
);
export const UNSUBSCRIBE_URL = 'https://k.example/u/tok-123';
