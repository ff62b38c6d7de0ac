import { z } from 'zod';
import type { OverviewAthlete } from './coach-overview';

export const OVERVIEW_SORT_KEYS = [
  'attention',
  'name',
  'lastActivity',
  'load7d',
  'fitness',
  'fatigue',
  'form',
  'loadSpikeRatio',
  'monotony',
  'openRecommendations',
] as const;
export const OVERVIEW_FILTERS = ['all', 'attention', 'strained', 'calibrating', 'reconnect'] as const;

/** Query parameters of GET /api/coach/overview: unknown values are a 400 with the allowed list. */
export const overviewQuerySchema = z.strictObject({
  sort: z.enum(OVERVIEW_SORT_KEYS).default('attention'),
  order: z.enum(['asc', 'desc']).optional(),
  filter: z.enum(OVERVIEW_FILTERS).default('all'),
  q: z.string().max(100).optional(),
});
export type OverviewQuery = z.output<typeof overviewQuerySchema>;

function sortValue(a: OverviewAthlete, key: (typeof OVERVIEW_SORT_KEYS)[number]): number | string | null {
  switch (key) {
    case 'attention':
      return a.attention.score;
    case 'name':
      return a.name.toLowerCase();
    case 'lastActivity':
      return a.lastActivity?.at ?? null;
    case 'openRecommendations':
      return a.openRecommendations;
    case 'load7d':
    case 'fitness':
    case 'fatigue':
    case 'form':
    case 'loadSpikeRatio':
    case 'monotony':
      return a[key];
  }
}

/**
 * Filters and sorts the overview. Missing values sort last whatever the direction; ties fall back to the
 * attention score, then the name, so the order is stable. Default: those who need attention first.
 */
export function arrangeOverview(rows: readonly OverviewAthlete[], q: OverviewQuery): OverviewAthlete[] {
  const needle = q.q?.trim().toLowerCase();
  const kept = rows.filter((a) => {
    if (needle && !a.name.toLowerCase().includes(needle)) return false;
    if (q.filter === 'attention') return a.attention.score > 0;
    if (q.filter === 'strained') return a.mostStrained?.state === 'strained';
    if (q.filter === 'calibrating') return a.calibrating;
    if (q.filter === 'reconnect') return a.connectionState !== 'connected';
    return true;
  });
  const dir = (q.order ?? (q.sort === 'name' ? 'asc' : 'desc')) === 'asc' ? 1 : -1;
  return kept.sort((x, y) => {
    const a = sortValue(x, q.sort);
    const b = sortValue(y, q.sort);
    if (a !== b) {
      if (a === null) return 1;
      if (b === null) return -1;
      return (a < b ? -1 : 1) * dir;
    }
    return y.attention.score - x.attention.score || x.name.localeCompare(y.name);
  });
}
