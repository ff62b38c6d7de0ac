/** The two loads that need no sensor: session RPE and duration x a sport default intensity. */
import { OTHER_SPORT_LOAD_PER_HOUR, SESSION_RPE_SCALE, SPORT_DEFAULT_LOAD_PER_HOUR } from './constants';

/** Foster session RPE (CR-10 x minutes), rescaled so an hour at RPE 7 = 100: RPE x min x 100 / 420. */
export function sessionRpeLoad(rpe: number, durationS: number): number {
  return rpe * (durationS / 60) * SESSION_RPE_SCALE;
}

/** Foster's raw arbitrary units, RPE x minutes (120 min at RPE 6 = 720 AU). */
export function sessionRpeArbitraryUnits(rpe: number, durationS: number): number {
  return rpe * (durationS / 60);
}

/** Load per hour assumed for a sport when only duration is known. */
export function sportDefaultLoadPerHour(sportType: string): number {
  return Object.prototype.hasOwnProperty.call(SPORT_DEFAULT_LOAD_PER_HOUR, sportType)
    ? SPORT_DEFAULT_LOAD_PER_HOUR[sportType]!
    : OTHER_SPORT_LOAD_PER_HOUR;
}

/** Last resort: hours x the sport's default load per hour. */
export function durationLoad(sportType: string, durationS: number): number {
  return (durationS / 3600) * sportDefaultLoadPerHour(sportType);
}
