/**
 * The emulator's controllable clock. Every time-dependent behaviour (token expiry, authorization-code expiry,
 * rate-limit windows, webhook `event_time`) reads `now()` from here, never `Date.now()` directly.
 */
export interface EmulatorClock {
  /** Current emulated time, epoch milliseconds. */
  now(): number;
  /** Current emulated time, epoch seconds (floor) — Strava's unit for `expires_at` and `event_time`. */
  nowS(): number;
  /** Moves the clock forward by `ms` (negative values are rejected). */
  advance(ms: number): void;
  /** Jumps to an absolute instant, epoch ms. */
  set(epochMs: number): void;
  /** True when the clock only moves through advance()/set(). */
  readonly frozen: boolean;
}

export interface ClockOptions {
  /** Start instant, epoch ms or ISO string. Default: the real time at creation. */
  start?: number | string;
  /** Default false: the clock follows real elapsed time from `start`. True: it moves only via advance()/set(). */
  frozen?: boolean;
}

/**
 * Creates a clock. A non-frozen clock runs at real speed from `start`; advance() adds an offset on top, so
 * the demo behaves naturally while tests (frozen) see time move only when they say so.
 */
export function createClock(options: ClockOptions = {}): EmulatorClock {
  const startMs =
    typeof options.start === 'string' ? Date.parse(options.start) : (options.start ?? Date.now());
  if (!Number.isFinite(startMs)) throw new Error(`invalid clock start: ${String(options.start)}`);
  const frozen = options.frozen ?? false;
  const realOriginMs = Date.now();
  let offsetMs = 0;
  const now = (): number => startMs + offsetMs + (frozen ? 0 : Date.now() - realOriginMs);
  return {
    frozen,
    now,
    nowS: () => Math.floor(now() / 1000),
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`clock.advance needs ms >= 0, got ${ms}`);
      offsetMs += ms;
    },
    set(epochMs: number) {
      offsetMs += epochMs - now();
    },
  };
}
