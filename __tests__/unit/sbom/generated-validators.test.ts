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
