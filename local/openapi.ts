// Contract checks against an OpenAPI 3.x description: find the operation for a concrete
// method and path, then validate a request body or a response with ajv.
//
// OpenAPI schemas are not plain JSON Schema, so the description is translated once per
// direction before ajv sees it:
// - `nullable: true` (3.0) admits null;
// - boolean `exclusiveMinimum`/`exclusiveMaximum` (3.0) become the numeric form;
// - `oneOf` is checked as "matches at least one": descriptions list alternative shapes that
//   overlap (objects open to extra properties), which strict JSON Schema `oneOf` rejects;
//   a `discriminator` then selects the one alternative the value names;
// - `allOf` composes: a member's `additionalProperties: false` is lifted to the parent as
//   `unevaluatedProperties: false`, so the members' properties together are allowed;
// - `readOnly` properties are not required in requests, `writeOnly` ones not in responses;
// - formats ajv-formats does not know (`uint32`, `repo.nwo`...) are accepted as any value.
import { readFileSync } from 'node:fs';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
export type Direction = 'request' | 'response';

export interface ValidationResult {
  valid: boolean;
  errors: string[];
  /** The path template the concrete path matched, e.g. `/v2/apps/{id}`. */
  template?: string;
  operationId?: string;
}

export interface OperationMatch {
  template: string;
  method: string;
  params: Record<string, string>;
  operation: JsonObject;
  /** JSON pointer of the operation object inside the description. */
  pointer: string;
}

export interface BodyOptions {
  /** Media type of the body; defaults to the JSON media type the operation declares. */
  contentType?: string;
}

const DOC_ID = 'https://openapi.invalid/description.json';
const MAX_ERRORS = 12;

interface PathTemplate {
  template: string;
  pattern: RegExp;
  /** Lets parameters span segments (GitHub's `x-multi-segment` refs like `heads/main`). */
  spanning: RegExp;
  names: string[];
  literalLength: number;
}

export class OpenApiValidator {
  readonly doc: JsonObject;
  private readonly templates: PathTemplate[];
  private readonly ajv = new Map<Direction, InstanceType<typeof Ajv2020>>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    description: object,
    private readonly basePath = '',
  ) {
    this.doc = description as JsonObject;
    const version = String(this.doc.openapi ?? '');
    if (!/^3\./.test(version))
      throw new Error(`not an OpenAPI 3.x description (openapi: ${version || 'missing'})`);
    this.templates = Object.keys(asObject(this.doc.paths)).map(compileTemplate);
  }

  /** Loads a description from a `.yaml`/`.yml`/`.json` file. */
  static fromFile(file: string, basePath = ''): OpenApiValidator {
    const text = readFileSync(file, 'utf8');
    const doc = /\.ya?ml$/i.test(file) ? parseYaml(text, { maxAliasCount: -1 }) : JSON.parse(text);
    return new OpenApiValidator(doc, basePath);
  }

  /** The operation for a method and a concrete path (query string ignored); literal segments win. */
  match(method: string, path: string): OperationMatch | undefined {
    const lower = method.toLowerCase();
    let pathname = path.split('?')[0];
    if (this.basePath && pathname.startsWith(this.basePath))
      pathname = pathname.slice(this.basePath.length) || '/';
    const best =
      this.bestTemplate(lower, pathname, 'pattern') ?? this.bestTemplate(lower, pathname, 'spanning');
    if (!best) return undefined;
    const params: Record<string, string> = {};
    best.t.names.forEach((name, i) => (params[name] = decodeURIComponent(best.values[i])));
    const pathItem = asObject(this.resolve(asObject(this.doc.paths)[best.t.template]));
    return {
      template: best.t.template,
      method: lower,
      params,
      operation: asObject(pathItem[lower]),
      pointer: `#/paths/${escapePointer(best.t.template)}/${lower}`,
    };
  }

  private bestTemplate(method: string, pathname: string, kind: 'pattern' | 'spanning') {
    let best: { t: PathTemplate; values: string[] } | undefined;
    for (const t of this.templates) {
      const m = t[kind].exec(pathname);
      if (!m) continue;
      const pathItem = asObject(this.resolve(asObject(this.doc.paths)[t.template]));
      if (!pathItem[method]) continue;
      const values = m.slice(1);
      if (kind === 'spanning' && !this.spansAllowed(t, pathItem, method, values)) continue;
      if (!best || t.literalLength > best.t.literalLength) best = { t, values };
    }
    return best;
  }

  /** Only parameters marked `x-multi-segment` may contain a slash. */
  private spansAllowed(t: PathTemplate, pathItem: JsonObject, method: string, values: string[]): boolean {
    const declared = [
      ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
      ...(Array.isArray(asObject(pathItem[method]).parameters)
        ? (asObject(pathItem[method]).parameters as Json[])
        : []),
    ].map((p) => asObject(this.resolve(p)));
    const multi = new Set(declared.filter((p) => p['x-multi-segment'] === true).map((p) => p.name));
    return t.names.every((name, i) => !values[i].includes('/') || multi.has(name));
  }

  validateRequest(method: string, path: string, body: unknown, options: BodyOptions = {}): ValidationResult {
    const op = this.match(method, path);
    if (!op) return noOperation(method, path);
    const base = { template: op.template, operationId: stringOr(op.operation.operationId) };
    const queryErrors = this.queryErrors(op, new URLSearchParams(path.split('?')[1] ?? ''));
    const errors = [...queryErrors, ...this.requestBodyErrors(op, body, options)];
    return { valid: errors.length === 0, errors, ...base };
  }

  private requestBodyErrors(op: OperationMatch, body: unknown, options: BodyOptions): string[] {
    const { value: requestBody, pointer } = this.resolveWithPointer(
      op.operation.requestBody,
      `${op.pointer}/requestBody`,
    );
    if (requestBody === undefined) {
      return isEmptyBody(body) ? [] : ['the operation takes no request body, but one was sent'];
    }
    const rb = asObject(requestBody);
    if (isEmptyBody(body)) return rb.required === true ? ['a request body is required'] : [];
    return this.validateContent(rb, pointer, body, options.contentType, 'request').errors;
  }

  /** Query parameters: required ones present, values (strings, coerced) valid for their schema. */
  private queryErrors(op: OperationMatch, query: URLSearchParams): string[] {
    const itemPointer = op.pointer.slice(0, op.pointer.lastIndexOf('/'));
    const pathItem = asObject(lookupPointer(this.doc, itemPointer));
    const listed = (list: Json | undefined, at: string) =>
      Array.isArray(list) ? list.map((p, i) => this.resolveWithPointer(p, `${at}/parameters/${i}`)) : [];
    const declared = [
      ...listed(pathItem.parameters, itemPointer),
      ...listed(op.operation.parameters, op.pointer),
    ];
    const errors: string[] = [];
    for (const { value, pointer } of declared) {
      const p = asObject(value);
      if (p.in !== 'query' || typeof p.name !== 'string') continue;
      const values = query.getAll(p.name);
      if (values.length === 0) {
        if (p.required === true) errors.push(`query parameter "${p.name}" is required`);
        continue;
      }
      if (p.schema === undefined) continue;
      const schema = asObject(this.resolve(p.schema));
      const items = asObject(this.resolve(schema.items));
      const candidate =
        schema.type === 'array'
          ? values.flatMap((v) => v.split(',')).map((v) => coerce(v, items))
          : coerce(values[0], schema);
      const validate = this.compile(`${pointer}/schema`, 'request');
      if (!validate(candidate)) {
        const problems = formatErrors(validate.errors ?? []);
        errors.push(...problems.map((e) => `query parameter "${p.name}" ${e.replace(/^\(root\) /, '')}`));
      }
    }
    return errors;
  }

  validateResponse(
    method: string,
    path: string,
    status: number,
    body: unknown,
    options: BodyOptions = {},
  ): ValidationResult {
    const op = this.match(method, path);
    if (!op) return noOperation(method, path);
    const base = { template: op.template, operationId: stringOr(op.operation.operationId) };
    const responses = asObject(op.operation.responses);
    const key = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default'].find(
      (k) => responses[k] !== undefined,
    );
    if (!key)
      return { valid: false, errors: [`status ${status} is not described for this operation`], ...base };
    const { value, pointer } = this.resolveWithPointer(
      responses[key],
      `${op.pointer}/responses/${escapePointer(key)}`,
    );
    const response = asObject(value);
    if (!response.content || Object.keys(asObject(response.content)).length === 0) {
      return isEmptyBody(body)
        ? { valid: true, errors: [], ...base }
        : {
            valid: false,
            errors: [`status ${status} is described without a body, but one was returned`],
            ...base,
          };
    }
    if (isEmptyBody(body)) return { valid: false, errors: [`status ${status} must have a body`], ...base };
    return { ...this.validateContent(response, pointer, body, options.contentType, 'response'), ...base };
  }

  /** Follows `$ref`s to `#/...` locations, returning the target and where it lives. */
  resolveWithPointer(value: Json | undefined, pointer: string): { value: Json | undefined; pointer: string } {
    const seen = new Set<string>();
    while (value && typeof value === 'object' && !Array.isArray(value) && typeof value.$ref === 'string') {
      const ref = value.$ref;
      if (!ref.startsWith('#/')) throw new Error(`only local references are supported, got ${ref}`);
      if (seen.has(ref)) throw new Error(`reference cycle at ${ref}`);
      seen.add(ref);
      value = lookupPointer(this.doc, ref);
      if (value === undefined) throw new Error(`unresolved reference ${ref}`);
      pointer = ref;
    }
    return { value, pointer };
  }

  resolve(value: Json | undefined): Json | undefined {
    return this.resolveWithPointer(value, '#').value;
  }

  private validateContent(
    holder: JsonObject,
    pointer: string,
    body: unknown,
    contentType: string | undefined,
    direction: Direction,
  ): Omit<ValidationResult, 'template' | 'operationId'> {
    const content = asObject(holder.content);
    const mediaType = pickMediaType(Object.keys(content), contentType);
    if (!mediaType) {
      return {
        valid: false,
        errors: [`media type ${contentType} is not one of ${Object.keys(content).join(', ')}`],
      };
    }
    const media = asObject(content[mediaType]);
    if (media.schema === undefined) return { valid: true, errors: [] };
    const validate = this.compile(`${pointer}/content/${escapePointer(mediaType)}/schema`, direction);
    return validate(body)
      ? { valid: true, errors: [] }
      : { valid: false, errors: formatErrors(validate.errors ?? []) };
  }

  private compile(pointer: string, direction: Direction): ValidateFunction {
    const key = `${direction} ${pointer}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajvFor(direction).compile({ $ref: `${DOC_ID}${pointer}` });
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private ajvFor(direction: Direction): InstanceType<typeof Ajv2020> {
    let ajv = this.ajv.get(direction);
    if (!ajv) {
      ajv = new Ajv2020({
        strict: false,
        allErrors: true,
        validateSchema: false,
        allowUnionTypes: true,
        validateFormats: true,
      });
      addFormats(ajv);
      for (const format of collectFormats(this.doc)) {
        if (!ajv.formats[format]) ajv.addFormat(format, true);
      }
      ajv.addSchema(translateDescription(this.doc, direction) as object, DOC_ID, undefined, false);
      this.ajv.set(direction, ajv);
    }
    return ajv;
  }
}

/** Validates traffic, throwing with every problem listed; convenient in tests and wrappers. */
export function assertValid(result: ValidationResult, what: string): void {
  if (!result.valid)
    throw new Error(`${what} violates the OpenAPI description:\n  ${result.errors.join('\n  ')}`);
}

function noOperation(method: string, path: string): ValidationResult {
  return {
    valid: false,
    errors: [`no operation ${method.toUpperCase()} ${path.split('?')[0]} in the description`],
  };
}

function compileTemplate(template: string): PathTemplate {
  const names: string[] = [];
  let literalLength = 0;
  const source = (param: string) =>
    template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part);
        if (name) return param;
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
  for (const part of template.split(/(\{[^}]+\})/)) {
    const name = /^\{([^}]+)\}$/.exec(part);
    if (name) names.push(name[1]);
    else literalLength += part.length;
  }
  return {
    template,
    pattern: new RegExp(`^${source('([^/]+)')}/?$`),
    spanning: new RegExp(`^${source('(.+?)')}/?$`),
    names,
    literalLength,
  };
}

function pickMediaType(available: string[], wanted: string | undefined): string | undefined {
  if (!wanted) return available.find((t) => /json/i.test(t)) ?? available[0];
  const bare = wanted.split(';')[0].trim().toLowerCase();
  return (
    available.find((t) => t.toLowerCase() === bare) ??
    available.find((t) => t.toLowerCase() === `${bare.split('/')[0]}/*`) ??
    available.find((t) => t === '*/*')
  );
}

function coerce(value: string, schema: JsonObject): Json {
  const numeric = schema.type === 'integer' || schema.type === 'number';
  if (numeric && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (schema.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === '';
}

function formatErrors(errors: ErrorObject[]): string[] {
  const lines = new Set<string>();
  for (const e of errors) {
    const where = e.instancePath || '(root)';
    let detail = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
      const extra = e.params as { additionalProperty?: string; unevaluatedProperty?: string };
      detail = `has unknown property "${extra.additionalProperty ?? extra.unevaluatedProperty}"`;
    } else if (e.keyword === 'enum') {
      detail = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    lines.add(`${where} ${detail} (${e.schemaPath.replace(DOC_ID, '')})`);
  }
  const list = [...lines];
  return list.length > MAX_ERRORS
    ? [...list.slice(0, MAX_ERRORS), `... and ${list.length - MAX_ERRORS} more`]
    : list;
}

function collectFormats(doc: Json): Set<string> {
  const formats = new Set<string>();
  const visit = (node: Json) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if (typeof node.format === 'string') formats.add(node.format);
      for (const value of Object.values(node)) visit(value);
    }
  };
  visit(doc);
  return formats;
}

/** A copy of the description whose schemas mean, to ajv, what OpenAPI means by them. */
export function translateDescription(doc: JsonObject, direction: Direction): JsonObject {
  const lookup = (ref: string) => lookupPointer(doc, ref);
  const translate = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(translate);
    if (!node || typeof node !== 'object') return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) out[key] = translate(value);
    return translateSchema(out, { lookup, translate, direction });
  };
  return translate(doc) as JsonObject;
}

interface Translation {
  lookup: (ref: string) => Json | undefined;
  translate: (node: Json) => Json;
  direction: Direction;
}

function translateSchema(node: JsonObject, { lookup, translate, direction }: Translation): JsonObject {
  let schema = node;
  if (typeof schema.exclusiveMinimum === 'boolean')
    schema = exclusiveBound(schema, 'minimum', 'exclusiveMinimum');
  if (typeof schema.exclusiveMaximum === 'boolean')
    schema = exclusiveBound(schema, 'maximum', 'exclusiveMaximum');
  if (Array.isArray(schema.oneOf) && schema.oneOf.every(isObject)) {
    const { oneOf, ...rest } = schema;
    schema = { ...rest, anyOf: oneOf };
  }
  if (isObject(schema.discriminator) && typeof schema.discriminator.propertyName === 'string') {
    schema = applyDiscriminator(schema, lookup);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.every(isObject))
    schema = composeAllOf(schema, lookup, translate);
  if (Array.isArray(schema.required) && isObject(schema.properties)) {
    schema = dropDirectionalRequired(schema, lookup, direction);
  }
  if (schema.nullable === true) schema = admitNull(schema);
  return schema;
}

function exclusiveBound(schema: JsonObject, bound: 'minimum' | 'maximum', flag: string): JsonObject {
  const { [flag]: exclusive, ...rest } = schema;
  if (exclusive !== true || typeof rest[bound] !== 'number') return rest;
  const { [bound]: limit, ...others } = rest;
  return { ...others, [flag]: limit };
}

function admitNull(schema: JsonObject): JsonObject {
  const { nullable: _nullable, ...rest } = schema;
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  if (typeof rest.type === 'string') return { ...rest, type: [rest.type, 'null'] };
  if (Array.isArray(rest.type))
    return rest.type.includes('null') ? rest : { ...rest, type: [...rest.type, 'null'] };
  return { anyOf: [rest, { type: 'null' }] };
}

function applyDiscriminator(schema: JsonObject, lookup: (ref: string) => Json | undefined): JsonObject {
  const discriminator = schema.discriminator as JsonObject;
  const property = discriminator.propertyName as string;
  const alternatives = (Array.isArray(schema.anyOf) ? schema.anyOf : []) as JsonObject[];
  const mapping: Record<string, string> = {};
  for (const alt of alternatives) {
    if (typeof alt.$ref === 'string' && lookup(alt.$ref) !== undefined)
      mapping[alt.$ref.split('/').pop()!] = alt.$ref;
  }
  for (const [value, target] of Object.entries(asObject(discriminator.mapping))) {
    if (typeof target !== 'string') continue;
    mapping[value] = target.startsWith('#') ? target : `#/components/schemas/${target}`;
  }
  const selections: Json[] = Object.entries(mapping).map(([value, ref]) => ({
    if: { type: 'object', required: [property], properties: { [property]: { const: value } } },
    then: { $ref: ref },
  }));
  if (selections.length === 0) return schema;
  const existing = Array.isArray(schema.allOf) ? schema.allOf : [];
  return { ...schema, allOf: [...existing, ...selections] };
}

function composeAllOf(
  schema: JsonObject,
  lookup: (ref: string) => Json | undefined,
  translate: (node: Json) => Json,
): JsonObject {
  let closed = false;
  const members = (schema.allOf as JsonObject[]).map((member) => {
    const referenced = typeof member.$ref === 'string';
    const target = referenced ? lookup(member.$ref as string) : member;
    if (!isObject(target) || target.additionalProperties !== false) return member;
    closed = true;
    const { additionalProperties: _closed, ...open } = target;
    // A referenced member is inlined from the untranslated description, so translate it here.
    return referenced ? translate(open) : open;
  });
  if (!closed) return schema;
  return { ...schema, allOf: members, unevaluatedProperties: false };
}

function dropDirectionalRequired(
  schema: JsonObject,
  lookup: (ref: string) => Json | undefined,
  direction: Direction,
): JsonObject {
  const flag = direction === 'request' ? 'readOnly' : 'writeOnly';
  const properties = schema.properties as JsonObject;
  const hasFlag = (prop: Json | undefined): boolean => {
    if (!isObject(prop)) return false;
    if (prop[flag] === true) return true;
    if (typeof prop.$ref === 'string') return hasFlag(lookup(prop.$ref));
    return Array.isArray(prop.allOf) && prop.allOf.length === 1 && hasFlag(prop.allOf[0]);
  };
  const required = (schema.required as Json[]).filter((name) => !hasFlag(properties[String(name)]));
  return { ...schema, required };
}

function lookupPointer(doc: Json, ref: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const part of ref.replace(/^#\/?/, '').split('/')) {
    if (part === '') continue;
    if (!node || typeof node !== 'object') return undefined;
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : node[key];
  }
  return node;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1').replace(/[{}]/g, encodeURIComponent);
}

function isObject(value: Json | undefined): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function asObject(value: Json | undefined): JsonObject {
  return isObject(value) ? value : {};
}

function stringOr(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
