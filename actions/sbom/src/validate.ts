// Schema validation of both outputs before they are written: CycloneDX 1.6 (strict JSON schema
// shipped by @cyclonedx/cyclonedx-library) and SPDX 2.3 (the official JSON schema, CC-BY-3.0).
// The library's own JsonStrictValidator is what the tests use (__tests__/helpers/cyclonedx-strict.ts);
// the action does not bundle it: measured on Node 24 here, loading the library takes ~0.17 s and its
// first validate() (compiling the full schema) ~0.5-0.7 s, against a budget of ~0.2 s for the whole
// run (10x faster than cdxgen). The narrowed schema (schema/narrow.ts) accepts no document the full one rejects.
// Both validators are compiled at build time (ajv standalone code, see scripts/generate-validators.ts),
// so a run only loads the one function of the format it writes.
import type { ErrorObject } from 'ajv';

export class SchemaError extends Error {
  constructor(
    readonly format: string,
    readonly problems: string[],
  ) {
    super(`the ${format} document does not match its schema: ${problems.slice(0, 5).join('; ')}`);
    this.name = 'SchemaError';
  }
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/**
 * Every array in the document has distinct items (stricter than the schema's uniqueItems, which
 * only some arrays carry). One pass: each value's canonical text (sorted keys) is built once.
 */
export function assertUniqueItems(value: unknown): string[] {
  const problems: string[] = [];
  const canonical = (node: unknown, path: string): string => {
    if (Array.isArray(node)) {
      const seen = new Set<string>();
      const items = node.map((item, i) => {
        const text = canonical(item, `${path}/${i}`);
        if (seen.has(text)) problems.push(`${path}/${i} duplicates an earlier item`);
        seen.add(text);
        return text;
      });
      return `[${items.join(',')}]`;
    }
    if (node && typeof node === 'object') {
      const keys = Object.keys(node).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((node as Record<string, unknown>)[k], `${path}/${k}`)}`).join(',')}}`;
    }
    return JSON.stringify(node);
  };
  canonical(value, '');
  return problems;
}

export async function validateCycloneDx(json: string): Promise<void> {
  const { validate } = await import('./schema/cyclonedx-validator.generated.js');
  const document = JSON.parse(json);
  if (!validate(document)) throw new SchemaError('CycloneDX 1.6', describe(validate.errors));
  const duplicates = assertUniqueItems(document);
  if (duplicates.length) throw new SchemaError('CycloneDX 1.6', duplicates);
}

export async function validateSpdx(json: string): Promise<void> {
  const { validate } = await import('./schema/spdx-validator.generated.js');
  const document = JSON.parse(json);
  if (!validate(document)) throw new SchemaError('SPDX 2.3', describe(validate.errors));
}
