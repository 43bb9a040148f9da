import { describe, expect, it } from '@jest/globals';
import { formatDuration, parseDuration } from '../../lib/duration.js';
import {
  booleanInput,
  choiceInput,
  durationInput,
  InputError,
  integerInput,
  linesInput,
  pairsInput,
  requiredString,
} from '../../lib/inputs.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2', 2000],
    ['1.5s', 1500],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '-5s', 'five minutes', '5 m', '5d', 'm5'])('rejects %p', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('formats for people', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(2500)).toBe('2.5 s');
    expect(formatDuration(125_000)).toBe('2m 5s');
  });
});

describe('inputs', () => {
  it('names the input and what was expected', () => {
    expect(() => durationInput(reader({ timeout: 'soon' }), 'timeout', '5m')).toThrow(
      "Input 'timeout': expected a duration such as `30s`, `5m`, `1h30m` or `500ms`, got 'soon'.",
    );
    expect(() => requiredString(reader({}), 'url', 'one or more URLs')).toThrow(InputError);
  });

  it('reads booleans strictly', () => {
    expect(booleanInput(reader({ wait: 'false' }), 'wait', true)).toBe(false);
    expect(booleanInput(reader({}), 'wait', true)).toBe(true);
    expect(() => booleanInput(reader({ wait: 'yes' }), 'wait', true)).toThrow(/'wait'/);
  });

  it('reads choices, integers, lines and pairs', () => {
    expect(choiceInput(reader({ b: 'docker' }), 'b', ['auto', 'docker'] as const, 'auto')).toBe('docker');
    expect(() => choiceInput(reader({ b: 'kaniko' }), 'b', ['auto', 'docker'] as const, 'auto')).toThrow(
      "one of 'auto', 'docker'",
    );
    expect(integerInput(reader({ n: '3' }), 'n', 1, 1)).toBe(3);
    expect(() => integerInput(reader({ n: '0' }), 'n', 1, 1)).toThrow(/from 1/);
    expect(linesInput(reader({ u: ' a \n\n# c\nb' }), 'u')).toEqual(['a', 'b']);
    expect(pairsInput(reader({ h: 'X-A: 1:2' }), 'h', ':', 'Name: value')).toEqual([['X-A', '1:2']]);
    expect(() => pairsInput(reader({ j: 'status' }), 'j', '=', 'path=value')).toThrow(/'j'/);
  });
});
