/**
 * "What's left today" as a prescription: the remaining load turned into minutes at a given intensity by
 * inverting the load formula the athlete's sessions are scored with.
 * - Heart rate (Banister HRSS): load per minute at HR h = 100 x TRIMP/min(h) / TRIMP(60 min at LTHR);
 *   with a zone model (Edwards, weighted zones) the zone weight of h over the weight at LTHR.
 * - Pace (running stress): load per minute at speed v on the flat = (v / v_threshold)^2 x 100 / 60.
 * - Power (TSS): load per minute at power P = (P / FTP)^2 x 100 / 60.
 * The default intensity is easy aerobic work [our choice]: 80 % of LTHR (inside GoldenCheetah's zone 2,
 * 68-83 % LTHR), 80 % of threshold speed, 70 % of FTP (Coggan's endurance zone, 56-75 %).
 */
import type { ResolvedPhysiology } from './physiology-types';
import {
  hrReserveFraction,
  trimpOfHourAtLthr,
  trimpPerMinute,
  trimpConstants,
  type HrPhysiology,
} from './trimp';
import { zoneTrimpOfHourAtLthr, zoneTrimpPerMinute } from './zone-trimp';

export const PRESCRIPTION_DEFAULTS = {
  fractionOfLthr: 0.8,
  fractionOfThresholdSpeed: 0.8,
  fractionOfFtp: 0.7,
  /** Minutes are shown rounded to this step ("about 40 min"). */
  roundToMin: 5,
} as const;

export type PrescriptionKind = 'heartRate' | 'pace' | 'power';

export interface PrescriptionOption {
  kind: PrescriptionKind;
  /** Unrounded minutes that would add `load` at this intensity. */
  minutes: number;
  /** The intensity: bpm, seconds per km, or watts (unrounded). */
  target: number;
  /** "about 40 min at 132 bpm" */
  text: string;
}

function hrOf(p: ResolvedPhysiology): HrPhysiology {
  return {
    hrMaxBpm: p.hrMaxBpm.value,
    hrRestBpm: p.hrRestBpm.value,
    lthrBpm: p.lthrBpm.value,
    sex: p.sex.value,
  };
}

/** Load one minute at `hrBpm` adds under the athlete's HR load model. */
export function loadPerMinuteAtHr(hrBpm: number, p: ResolvedPhysiology): number {
  const hr = hrOf(p);
  const model = p.hrLoadModel.value;
  if (model !== 'banister')
    return (100 * zoneTrimpPerMinute(model, hrBpm, hr)) / zoneTrimpOfHourAtLthr(model, hr);
  const perMin = trimpPerMinute(hrReserveFraction(hrBpm, hr.hrRestBpm, hr.hrMaxBpm), trimpConstants(hr.sex));
  return (100 * perMin) / trimpOfHourAtLthr(hr);
}

function roundedMinutes(minutes: number): number {
  const step = PRESCRIPTION_DEFAULTS.roundToMin;
  return Math.max(step, Math.round(minutes / step) * step);
}

function paceText(sPerKm: number): string {
  const s = Math.round(sPerKm);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} /km`;
}

function option(kind: PrescriptionKind, load: number, perMin: number, target: number, unit: string) {
  const minutes = load / perMin;
  return { kind, minutes, target, text: `about ${roundedMinutes(minutes)} min at ${unit}` };
}

/**
 * Ways to add `remainingLoad` today: always by heart rate, and by pace / power when a threshold pace / FTP
 * is known. Empty when nothing is left (or the input is unreadable). Intensities can be overridden.
 */
export function prescribeLoad(
  remainingLoad: number,
  p: ResolvedPhysiology,
  at: { hrBpm?: number; paceSPerKm?: number; powerW?: number } = {},
): PrescriptionOption[] {
  if (!(remainingLoad > 0) || !Number.isFinite(remainingLoad)) return [];
  const out: PrescriptionOption[] = [];
  const hrBpm = at.hrBpm ?? PRESCRIPTION_DEFAULTS.fractionOfLthr * p.lthrBpm.value;
  const hrRate = loadPerMinuteAtHr(hrBpm, p);
  if (hrRate > 0) out.push(option('heartRate', remainingLoad, hrRate, hrBpm, `${Math.round(hrBpm)} bpm`));
  const thresholdPace = p.thresholdPaceSPerKm?.value;
  if (thresholdPace) {
    const pace = at.paceSPerKm ?? thresholdPace / PRESCRIPTION_DEFAULTS.fractionOfThresholdSpeed;
    const rate = ((thresholdPace / pace) ** 2 * 100) / 60;
    out.push(option('pace', remainingLoad, rate, pace, paceText(pace)));
  }
  const ftp = p.ftpW?.value;
  if (ftp) {
    const watts = at.powerW ?? PRESCRIPTION_DEFAULTS.fractionOfFtp * ftp;
    const rate = ((watts / ftp) ** 2 * 100) / 60;
    out.push(option('power', remainingLoad, rate, watts, `${Math.round(watts)} W`));
  }
  return out;
}
