// The CycloneDX 1.6 schema as the action validates it: narrowed to what the action writes. Used
// only at build time by scripts/generate-validators.ts (the action loads the compiled validator).
import { cycloneDx16Schema } from '../cdx-schemas.js';

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
