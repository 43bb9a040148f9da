// Schema validation of both outputs before they are written: CycloneDX 1.6 (strict JSON schema
// shipped by @cyclonedx/cyclonedx-library) and SPDX 2.3 (the official JSON schema, CC-BY-3.0).
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
  return schema;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Every array in the document has distinct items (stricter than the schema's uniqueItems). */
export function assertUniqueItems(value: unknown, path = ''): string[] {
  const problems: string[] = [];
  if (Array.isArray(value)) {
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const key = canonical(item);
      if (seen.has(key)) problems.push(`${path}/${i} duplicates an earlier item`);
      seen.add(key);
      problems.push(...assertUniqueItems(item, `${path}/${i}`));
    });
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) problems.push(...assertUniqueItems(v, `${path}/${k}`));
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
