// Reading action inputs into typed values; every problem is an InputError naming the input.
import { parseDuration } from './duration.js';

export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly expected: string,
    readonly got?: string,
  ) {
    super(`Input '${input}': expected ${expected}${got === undefined ? '' : `, got '${got}'`}.`);
    this.name = 'InputError';
  }
}

export type ReadInput = (name: string) => string;

export function requiredString(read: ReadInput, name: string, expected = 'a non-empty value'): string {
  const value = read(name);
  if (!value) throw new InputError(name, expected);
  return value;
}

export function optionalString(read: ReadInput, name: string, fallback = ''): string {
  return read(name) || fallback;
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

export function booleanInput(read: ReadInput, name: string, fallback: boolean): boolean {
  const value = read(name);
  if (!value) return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InputError(name, '`true` or `false`', value);
}

export function choiceInput<T extends string>(
  read: ReadInput,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = read(name);
  if (!value) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new InputError(name, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value);
}

export function durationInput(read: ReadInput, name: string, fallback: string): number {
  const value = read(name) || fallback;
  const ms = parseDuration(value);
  if (ms === undefined)
    throw new InputError(name, 'a duration such as `30s`, `5m`, `1h30m` or `500ms`', value);
  return ms;
}

export function integerInput(
  read: ReadInput,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = read(name);
  if (!value) return fallback;
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new InputError(
      name,
      `a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`,
      value,
    );
  return Number(value);
}

/** Non-empty lines, trimmed; `#` comment lines are skipped. */
export function linesInput(read: ReadInput, name: string): string[] {
  return read(name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** `Name: value` or `key=value` lines, split at the first separator. */
export function pairsInput(
  read: ReadInput,
  name: string,
  separator: ':' | '=',
  expected: string,
): [string, string][] {
  return linesInput(read, name).map((line) => {
    const at = line.indexOf(separator);
    if (at <= 0) throw new InputError(name, expected, line);
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  });
}
