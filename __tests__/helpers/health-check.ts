// Builds health-check configs from action inputs, and a clock that records every sleep.
import { systemClock, type Clock } from '../../lib/clock.js';
import { readConfig, type HealthCheckConfig } from '../../actions/health-check/src/config.js';

/** Fast polling for tests unless the inputs say otherwise. */
export function configFrom(inputs: Record<string, string>): HealthCheckConfig {
  const all: Record<string, string> = { interval: '20ms', 'max-interval': '50ms', timeout: '5s', ...inputs };
  return readConfig(
    (name) => all[name] ?? '',
    () => {},
  );
}

export interface RecordingClock extends Clock {
  sleeps: { at: number; ms: number }[];
}

export function recordingClock(): RecordingClock {
  const sleeps: { at: number; ms: number }[] = [];
  return {
    sleeps,
    now: systemClock.now,
    sleep(ms, signal) {
      sleeps.push({ at: systemClock.now(), ms });
      return systemClock.sleep(ms, signal);
    },
  };
}
