/**
 * Recovery window of one session from its load (Allen & Coggan's per-session TSS guide):
 * < 150 low (recovered next day), 150-300 medium (gone by day 2), 300-450 high (residual after 2 days),
 * > 450 very high (several days). Boundaries: 150 and 300 start the higher band; 450 is still "high".
 */
import type { RecoveryWindow } from './types';

export const RECOVERY_BAND_LIMITS = { medium: 150, high: 300, veryHighAbove: 450 } as const;

/** The band and typical hours to recover (24/48/72/96: our reading of "next day / day 2 / >2 days / several"). */
export function recoveryWindowOf(load: number): RecoveryWindow {
  if (!(load >= RECOVERY_BAND_LIMITS.medium)) return { band: 'low', typicalRecoveryH: 24 };
  if (load < RECOVERY_BAND_LIMITS.high) return { band: 'medium', typicalRecoveryH: 48 };
  if (load <= RECOVERY_BAND_LIMITS.veryHighAbove) return { band: 'high', typicalRecoveryH: 72 };
  return { band: 'veryHigh', typicalRecoveryH: 96 };
}
