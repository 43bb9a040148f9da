// What the generated validators call at run time (ajv standalone code would otherwise `require`
// ajv's own runtime helpers, which an ES module cannot do). JavaScript, not TypeScript, because
// the bundler resolves `./runtime.js` literally when the importer is itself JavaScript.
import { fullFormats } from 'ajv-formats/dist/formats.js';

export const formats = fullFormats;

/** String length in code points, as JSON Schema counts it (a surrogate pair is one character). */
export function ucs2length(text) {
  if (!SURROGATE.test(text)) return text.length;
  let length = 0;
  for (const _ of text) length++;
  return length;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Deep equality of JSON values (for `enum` and `const` with object or array values). */
export function equal(a, b) {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && equal(a[key], b[key]));
}
