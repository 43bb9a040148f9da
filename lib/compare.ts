/**
 * Orders strings by UTF-16 code unit, like `Array.prototype.sort()` without a comparator.
 * Stable across machines and locales, and unlike `localeCompare` it never loads ICU's collator
 * (about 7 ms on the first call, measured on Node 24).
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
