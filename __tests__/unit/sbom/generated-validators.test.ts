import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DECLARATION, GENERATED, generatedValidators } from '../../../actions/sbom/src/schema/generate.js';

const schemaDir = resolve(import.meta.dirname, '../../../actions/sbom/src/schema');

describe('the compiled schema validators of the sbom action', () => {
  it('are what actions/sbom/scripts/generate-validators.ts makes from the schemas', async () => {
    const modules = await generatedValidators();
    for (const [name, file] of Object.entries(GENERATED))
      expect({ file, text: readFileSync(join(schemaDir, file), 'utf8') }).toEqual({
        file,
        text: modules[name as keyof typeof GENERATED],
      });
    for (const file of Object.values(GENERATED))
      expect(readFileSync(join(schemaDir, file.replace(/\.js$/, '.d.ts')), 'utf8')).toBe(DECLARATION);
  });
});

describe('their runtime helpers', () => {
  it('count string length in code points, as JSON Schema does', async () => {
    const { ucs2length } = (await import('../../../actions/sbom/src/schema/runtime.js')) as {
      ucs2length: (text: string) => number;
    };
    expect(ucs2length('')).toBe(0);
    expect(ucs2length('pkg:npm/a@1')).toBe(11);
    expect(ucs2length('a😀b')).toBe(3);
    expect(ucs2length('\ud800x')).toBe(2); // a lone surrogate is one character
  });
});
