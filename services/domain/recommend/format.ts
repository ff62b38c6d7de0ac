/**
 * Small, pure formatting helpers for recommendation text. Dates are athlete-local calendar days (`YYYY-MM-DD`)
 * and are handled as UTC midnights so the host time zone never matters.
 */
import { BODY_AREA_LABELS, type BodyAreaId, type RecentActivity } from './types';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MS_PER_DAY = 86_400_000;

function dayMs(localDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!match) throw new Error(`expected YYYY-MM-DD, got ${JSON.stringify(localDate)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / MS_PER_DAY);
}

/** "Saturday 10 May". */
export function formatDay(localDate: string): string {
  const date = new Date(dayMs(localDate));
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

/** "today's", "yesterday's", "Sunday's" (within a week) or "10 May's" relative to `today`. */
export function dayPossessive(localDate: string, today: string): string {
  const ago = daysBetween(localDate, today);
  if (ago === 0) return "today's";
  if (ago === 1) return "yesterday's";
  const date = new Date(dayMs(localDate));
  if (ago > 1 && ago < 7) return `${WEEKDAYS[date.getUTCDay()]}'s`;
  return `the ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

/** Integer with thousands separators: 1100 -> "1,100". */
export function formatInt(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? '-' : '';
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A load in AU: whole numbers from 10 up ("1,100"), one decimal below ("4.5"). */
export function formatLoad(valueAu: number): string {
  return Math.abs(valueAu) >= 10 ? formatInt(valueAu) : formatRatio(valueAu);
}

/** One decimal: 2.06 -> "2.1". */
export function formatRatio(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

/** "quads", "quads and calves", "quads, calves and hamstrings". */
export function joinAreas(areas: readonly BodyAreaId[]): string {
  const labels = areas.map((area) => BODY_AREA_LABELS[area]);
  if (labels.length <= 1) return labels[0] ?? 'whole body';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/** A plain noun for the activity's sport ("run", "ride", ...). */
export function sportNoun(sportType: string): string {
  if (/Run$/.test(sportType)) return 'run';
  if (/Ride$/.test(sportType)) return 'ride';
  if (sportType === 'Swim') return 'swim';
  if (sportType === 'Hike') return 'hike';
  if (sportType === 'Walk') return 'walk';
  if (/Row/.test(sportType)) return 'row';
  return 'session';
}

/** Descents at least this long are named in reasons ("Sunday's 1,100 m descent"). */
const NAMED_DESCENT_M = 300;

/**
 * "Sunday's 1,100 m descent" for quads/calves after a long descent, else "Sunday's run" ("your run on 3 May"
 * when older than a week).
 * Never includes the activity title: titles are athlete-controlled text.
 */
export function activityPhrase(activity: RecentActivity, today: string, area?: BodyAreaId): string {
  const day = dayPossessive(activity.localDate, today);
  const descentM = activity.descentM ?? 0;
  const downhillArea = area === 'quads' || area === 'calves';
  const thing =
    downhillArea && descentM >= NAMED_DESCENT_M
      ? `${formatInt(descentM)} m descent`
      : sportNoun(activity.sportType);
  return day.startsWith('the ') ? `your ${thing} on ${day.slice(4)}` : `${day} ${thing}`;
}
