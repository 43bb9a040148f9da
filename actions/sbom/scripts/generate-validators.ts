// Regenerates the sbom action's compiled schema validators (run after changing a schema or
// src/schema/narrow.ts): node24 scripts/ts-run.mjs actions/sbom/scripts/generate-validators.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECLARATION, GENERATED, generatedValidators } from '../src/schema/generate.js';

const modules = await generatedValidators();
for (const [name, file] of Object.entries(GENERATED)) {
  const path = join(import.meta.dirname, '../src/schema', file);
  writeFileSync(path, modules[name as keyof typeof GENERATED]);
  writeFileSync(path.replace(/\.js$/, '.d.ts'), DECLARATION);
  console.log(`wrote ${path} and its declaration`);
}
