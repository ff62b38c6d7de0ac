/**
 * Strava's `event_time` is only a hint (events are unsigned): it orders events against tombstones, so a
 * forged time far in the future would make every later real change look older and be ignored. Stored
 * times are clamped to [receive time - EVENT_TIME_MAX_AGE_S, receive time]: never ahead of our clock,
 * never older than Strava's retries can be.
 */
export const EVENT_TIME_MAX_AGE_S = 3600;

/** `eventTimeS` clamped to the window around `receivedAtMs` (epoch ms, our clock). */
export function clampEventTimeS(eventTimeS: number, receivedAtMs: number): number {
  const nowS = Math.floor(receivedAtMs / 1000);
  return Math.min(Math.max(eventTimeS, nowS - EVENT_TIME_MAX_AGE_S), nowS);
}
