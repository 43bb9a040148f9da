// A clock for tests that share virtual time between a client and the emulator: `sleep(ms)`
// moves time forward at once instead of waiting, so a 30-minute deploy runs in milliseconds.
import type { Clock } from '../../lib/clock.js';

export interface VirtualClock extends Clock {
  /** Moves time forward by `ms` (what a test does between two looks). */
  advance(ms: number): void;
  set(ms: number): void;
}

export function virtualClock(start = Date.parse('2026-01-01T00:00:00Z')): VirtualClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
    // The wake-up time is fixed when sleep is called; concurrent sleepers each move time to
    // their own wake-up, never backwards.
    sleep(ms, signal) {
      const wake = now + Math.max(0, ms);
      return new Promise((resolve) => {
        setImmediate(() => {
          if (!signal?.aborted) now = Math.max(now, wake);
          resolve();
        });
      });
    },
  };
}
