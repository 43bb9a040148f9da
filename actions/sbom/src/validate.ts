// Schema validation of both outputs before they are written: CycloneDX 1.6 (strict JSON schema
// shipped by @cyclonedx/cyclonedx-library) and SPDX 2.3 (the official JSON schema, CC-BY-3.0).
// The library's own JsonStrictValidator is what the tests use (__tests__/helpers/cyclonedx-strict.ts);
// the action does not bundle it: measured on Node 24 here, loading the library takes ~0.17 s and its
// first validate() (compiling the full schema) ~0.5-0.7 s, against a budget of ~0.2 s for the whole
// run (10x faster than cdxgen). The narrowed schema below accepts no document the full one rejects.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { cycloneDx16Schema, cycloneDxReferencedSchemas } from './cdx-schemas.js';
import spdx23Schema from './schema/spdx-2.3.schema.json' with { type: 'json' };

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

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

let cycloneDx: ValidateFunction | undefined;
let spdx: ValidateFunction | undefined;

/** Properties this action writes; everything else is pruned from the schema the action compiles. */
const WRITTEN = {
  root: [
    '$schema',
    'bomFormat',
    'specVersion',
    'serialNumber',
    'version',
    'metadata',
    'components',
    'dependencies',
  ],
  metadata: ['timestamp', 'tools', 'component', 'properties'],
  tools: ['components'],
  license: ['bom-ref', 'id', 'name', 'acknowledgement'],
  component: [
    'type',
    'bom-ref',
    'group',
    'name',
    'version',
    'description',
    'scope',
    'hashes',
    'licenses',
    'purl',
    'properties',
  ],
};

type Schema = Record<string, unknown> & { properties?: Record<string, unknown> };

function keepProperties(schema: Schema, names: string[]): void {
  if (schema.additionalProperties !== false || !schema.properties) throw new Error('schema shape changed');
  schema.properties = Object.fromEntries(
    Object.entries(schema.properties).filter(([k]) => names.includes(k)),
  );
}

/** Only the definitions the (narrowed) schema still refers to: ajv walks every one it is given. */
function reachableDefinitions(
  schema: Schema & { definitions: Record<string, Schema> },
): Record<string, Schema> {
  const kept: Record<string, Schema> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const local = key === '$ref' && typeof value === 'string' && /^#\/definitions\/(.+)$/.exec(value);
      if (local && !(local[1] in kept)) {
        kept[local[1]] = schema.definitions[local[1]];
        visit(kept[local[1]]);
      } else if (key !== 'definitions') visit(value);
    }
  };
  visit(schema);
  return kept;
}

function withoutUniqueItems(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUniqueItems);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !(k === 'uniqueItems' && typeof v === 'boolean'))
      .map(([k, v]) => [k, withoutUniqueItems(v)]),
  );
}

/**
 * The official CycloneDX 1.6 schema, narrowed to the properties this action writes (every
 * narrowed object has `additionalProperties: false`, so a document valid here is valid under
 * the full schema) and with `uniqueItems` checked by {@link assertUniqueItems} instead
 * (ajv's pairwise deep comparison is quadratic). Compiling the full schema takes ~0.6 s.
 */
export function narrowedCycloneDxSchema(): Schema {
  const schema = withoutUniqueItems(cycloneDx16Schema) as Schema & { definitions: Record<string, Schema> };
  keepProperties(schema, WRITTEN.root);
  keepProperties(schema.definitions.metadata, WRITTEN.metadata);
  const tools = (schema.definitions.metadata.properties!.tools as { oneOf: Schema[] }).oneOf[0];
  keepProperties(tools, WRITTEN.tools);
  keepProperties(schema.definitions.component, WRITTEN.component);
  keepProperties(schema.definitions.license, WRITTEN.license);
  schema.definitions = reachableDefinitions(schema);
  return schema;
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

function cycloneDxValidator(): ValidateFunction {
  if (cycloneDx) return cycloneDx;
  const ajv = new Ajv({
    strict: false,
    useDefaults: false,
    validateSchema: false,
    code: { optimize: false },
    schemas: cycloneDxReferencedSchemas,
  });
  addFormats(ajv);
  // formats ajv-formats lacks; the library treats them the same way (iri-reference) or loosely
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/);
  return (cycloneDx = ajv.compile(narrowedCycloneDxSchema()));
}

function spdxValidator(): ValidateFunction {
  if (spdx) return spdx;
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  return (spdx = ajv.compile(spdx23Schema));
}

export function validateCycloneDx(json: string): void {
  const validate = cycloneDxValidator();
  const document = JSON.parse(json);
  if (!validate(document)) throw new SchemaError('CycloneDX 1.6', describe(validate.errors));
  const duplicates = assertUniqueItems(document);
  if (duplicates.length) throw new SchemaError('CycloneDX 1.6', duplicates);
}

export function validateSpdx(json: string): void {
  const validate = spdxValidator();
  const document = JSON.parse(json);
  if (!validate(document)) throw new SchemaError('SPDX 2.3', describe(validate.errors));
}
