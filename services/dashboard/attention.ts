import { ruleById } from '../domain/recommend';
import type { StrainState } from '../domain/strain';

export interface AttentionInput {
  tsb: number | null;
  loadSpikeRatio: number | null;
  monotony: number | null;
  calibrating: boolean;
  strainedState: StrainState | null;
  strainedLabel: string | null;
  openAlerts: number;
  connectionState: string;
  injuredOrIll: boolean;
}

export interface Attention {
  /** Higher first; 0 = nothing to look at. */
  score: number;
  /** Plain-words reasons, most important first. */
  reasons: string[];
}

/**
 * Why a coach should look at this athlete today. The thresholds are the alert rules' defaults (one source
 * of truth with the notifier); the fitness-based ones stay silent while the athlete is calibrating, as the
 * rules do. Weights only order the list: they are not a risk score.
 */
export function attentionOf(a: AttentionInput): Attention {
  const reasons: [number, string][] = [];
  if (a.connectionState === 'needs_reconnect') reasons.push([3, 'Strava connection needs to be renewed']);
  if (a.injuredOrIll) reasons.push([3, 'Marked injured or ill']);
  if (a.strainedState === 'strained') reasons.push([3, `Likely sore: ${a.strainedLabel ?? 'a body area'}`]);
  if (!a.calibrating && a.tsb !== null && a.tsb <= ruleById('form-low').defaultThreshold) {
    reasons.push([2, `Low form (${Math.round(a.tsb)})`]);
  }
  if (
    !a.calibrating &&
    a.loadSpikeRatio !== null &&
    a.loadSpikeRatio >= ruleById('load-spike').defaultThreshold
  ) {
    reasons.push([2, `Load spike (${a.loadSpikeRatio.toFixed(2)})`]);
  }
  if (a.monotony !== null && a.monotony > ruleById('monotony').defaultThreshold) {
    reasons.push([1, `Monotonous week (${a.monotony.toFixed(1)})`]);
  }
  if (a.openAlerts > 0)
    reasons.push([1, `${a.openAlerts} open recommendation${a.openAlerts === 1 ? '' : 's'}`]);
  reasons.sort((x, y) => y[0] - x[0]);
  return { score: reasons.reduce((s, [w]) => s + w, 0), reasons: reasons.map(([, r]) => r) };
}

export type Trend = 'up' | 'down' | 'flat' | null;

/** Direction over the last 7 days; changes under 2 % of the larger value (or 1 unit) read as flat. */
export function trendOf(now: number | null | undefined, weekAgo: number | null | undefined): Trend {
  if (now === null || now === undefined || weekAgo === null || weekAgo === undefined) return null;
  const delta = now - weekAgo;
  const tolerance = Math.max(1, 0.02 * Math.max(Math.abs(now), Math.abs(weekAgo)));
  if (Math.abs(delta) < tolerance) return 'flat';
  return delta > 0 ? 'up' : 'down';
}
