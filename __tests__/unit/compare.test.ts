import { describe, expect, it } from '@jest/globals';
import { byCodeUnit } from '../../lib/compare.js';

describe('byCodeUnit', () => {
  it('orders like the default sort, upper case and punctuation by code unit, equal strings as 0', () => {
    const words = ['b', 'B', 'a-b', 'a.b', 'a', 'ä', 'A', '_'];
    expect([...words].sort(byCodeUnit)).toEqual([...words].sort());
    expect(byCodeUnit('x', 'x')).toBe(0);
    expect(byCodeUnit('Z', 'a')).toBeLessThan(0);
  });
});
