import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { OpenApiValidator, assertValid } from '../../local/openapi.js';

const root = join(import.meta.dirname, '..', '..');
const doSpecPath = join(root, '__tests__', 'fixtures', 'do-openapi', 'apps.openapi.yaml');
const githubSpec = join(root, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');

const json = (schema: object) => ({ content: { 'application/json': { schema } } });

const pets = new OpenApiValidator({
  openapi: '3.0.3',
  info: { title: 'pets', version: '1' },
  paths: {
    '/pets': {
      post: {
        operationId: 'create',
        requestBody: { required: true, ...json({ $ref: '#/components/schemas/Pet' }) },
        responses: { '201': { description: 'made', ...json({ $ref: '#/components/schemas/Pet' }) } },
      },
    },
    '/pets/{id}': {
      get: {
        responses: {
          '200': { $ref: '#/components/responses/pet' },
          '2XX': { description: 'other success', ...json({ type: 'string' }) },
          '204': { description: 'nothing' },
          default: { description: 'error', ...json({ $ref: '#/components/schemas/Error' }) },
        },
      },
    },
    '/pets/mine': {
      get: {
        responses: {
          '200': { description: 'text', content: { 'text/plain': { schema: { type: 'string' } } } },
        },
      },
    },
  },
  components: {
    responses: { pet: { description: 'a pet', ...json({ $ref: '#/components/schemas/AnyPet' }) } },
    schemas: {
      Error: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
      Pet: {
        type: 'object',
        required: ['id', 'name', 'secret'],
        properties: {
          id: { type: 'integer', readOnly: true },
          name: { type: 'string' },
          secret: { type: 'string', writeOnly: true },
          nickname: { type: 'string', nullable: true },
          kind: { type: 'string', enum: ['cat', 'dog'], nullable: true },
          weight: { type: 'number', minimum: 0, exclusiveMinimum: true },
          chip: { type: 'string', format: 'uint32-chip' },
          born: { type: 'string', format: 'date-time' },
          owner: { allOf: [{ $ref: '#/components/schemas/Person' }], nullable: true },
        },
      },
      Person: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Cat: {
        type: 'object',
        required: ['kind', 'purrs'],
        properties: { kind: { type: 'string' }, purrs: { type: 'boolean' } },
      },
      Dog: {
        type: 'object',
        required: ['kind', 'barks'],
        properties: { kind: { type: 'string' }, barks: { type: 'boolean' } },
      },
      AnyPet: {
        oneOf: [
          { $ref: '#/components/schemas/Cat' },
          { $ref: '#/components/schemas/Dog' },
          { $ref: '#/components/schemas/Closed' },
        ],
        discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: 'Dog' } },
      },
      Closed: {
        allOf: [
          {
            type: 'object',
            additionalProperties: false,
            properties: { kind: { type: 'string', enum: ['fish'] } },
          },
          { type: 'object', properties: { fins: { type: 'integer' } } },
        ],
      },
    },
  },
});

describe('path matching', () => {
  it('prefers literal segments over parameters and decodes parameters', () => {
    expect(pets.match('GET', '/pets/mine')?.template).toBe('/pets/mine');
    expect(pets.match('get', '/pets/a%20b?x=1')).toMatchObject({
      template: '/pets/{id}',
      params: { id: 'a b' },
    });
    expect(pets.match('DELETE', '/pets/1')).toBeUndefined();
    expect(pets.validateResponse('GET', '/nowhere', 200, {}).errors).toEqual([
      'no operation GET /nowhere in the description',
    ]);
  });
});

describe('request bodies', () => {
  it('does not require readOnly properties in a request', () => {
    expect(pets.validateRequest('POST', '/pets', { name: 'Tom', secret: 's' })).toMatchObject({
      valid: true,
      operationId: 'create',
    });
  });

  it('admits null where nullable, including enums and allOf wrappers', () => {
    const body = { name: 'Tom', secret: 's', nickname: null, kind: null, owner: null };
    expect(pets.validateRequest('POST', '/pets', body).errors).toEqual([]);
    expect(pets.validateRequest('POST', '/pets', { ...body, name: null }).valid).toBe(false);
  });

  it('reports wrong types, enums, exclusive bounds and formats readably', () => {
    const result = pets.validateRequest('POST', '/pets', {
      name: 1,
      secret: 's',
      kind: 'cow',
      weight: 0,
      born: 'yesterday',
    });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/name must be string/);
    expect(result.errors.join('\n')).toMatch(/\/kind must be one of "cat", "dog", null/);
    expect(result.errors.join('\n')).toMatch(/\/weight must be > 0/);
    expect(result.errors.join('\n')).toMatch(/\/born must match format "date-time"/);
  });

  it('accepts formats it does not know', () => {
    expect(pets.validateRequest('POST', '/pets', { name: 'Tom', secret: 's', chip: 'anything' }).valid).toBe(
      true,
    );
  });

  it('requires a body when the operation says so, and refuses one where none is described', () => {
    expect(pets.validateRequest('POST', '/pets', undefined).errors).toEqual(['a request body is required']);
    expect(pets.validateRequest('GET', '/pets/1', { a: 1 }).valid).toBe(false);
    expect(pets.validateRequest('GET', '/pets/1', undefined).valid).toBe(true);
  });
});

describe('responses', () => {
  it('requires readOnly properties but not writeOnly ones in a response', () => {
    expect(pets.validateResponse('POST', '/pets', 201, { id: 1, name: 'Tom' }).valid).toBe(true);
    expect(pets.validateResponse('POST', '/pets', 201, { name: 'Tom' }).errors[0]).toMatch(
      /required property 'id'/,
    );
  });

  it('lets a discriminator pick the alternative, and accepts overlapping oneOf alternatives', () => {
    expect(pets.validateResponse('GET', '/pets/1', 200, { kind: 'cat', purrs: true }).valid).toBe(true);
    expect(pets.validateResponse('GET', '/pets/1', 200, { kind: 'dog', barks: false }).valid).toBe(true);
    expect(pets.validateResponse('GET', '/pets/1', 200, { kind: 'cat', barks: true }).valid).toBe(false);
    expect(
      pets.validateResponse('GET', '/pets/1', 200, { kind: 'cat', purrs: true, barks: true }).valid,
    ).toBe(true);
  });

  it('composes allOf members even when one of them is closed', () => {
    expect(pets.validateResponse('GET', '/pets/1', 200, { kind: 'fish', fins: 2 }).valid).toBe(true);
    const extra = pets.validateResponse('GET', '/pets/1', 200, { kind: 'fish', fins: 2, legs: 4 });
    expect(extra.valid).toBe(false);
    expect(extra.errors.join('\n')).toMatch(/unknown property "legs"/);
  });

  it('falls back to ranges and default, and checks bodiless responses', () => {
    expect(pets.validateResponse('GET', '/pets/1', 203, 'text').valid).toBe(true);
    expect(pets.validateResponse('GET', '/pets/1', 404, { message: 'gone' }).valid).toBe(true);
    expect(pets.validateResponse('GET', '/pets/1', 404, { msg: 'gone' }).valid).toBe(false);
    expect(pets.validateResponse('GET', '/pets/1', 204, undefined).valid).toBe(true);
    expect(pets.validateResponse('GET', '/pets/1', 204, { a: 1 }).valid).toBe(false);
    expect(pets.validateResponse('POST', '/pets', 500, { a: 1 }).errors[0]).toMatch(
      /status 500 is not described/,
    );
  });

  it('validates non-JSON media types', () => {
    expect(
      pets.validateResponse('GET', '/pets/mine', 200, 'Tom', { contentType: 'text/plain; charset=utf-8' })
        .valid,
    ).toBe(true);
    expect(pets.validateResponse('GET', '/pets/mine', 200, 'Tom', { contentType: 'image/png' }).valid).toBe(
      false,
    );
  });

  it('throws a readable error from assertValid', () => {
    expect(() =>
      assertValid(pets.validateResponse('POST', '/pets', 201, { name: 'Tom' }), 'POST /pets 201'),
    ).toThrow(
      /POST \/pets 201 violates the OpenAPI description:\n {2}\(root\) must have required property 'id'/,
    );
  });

  it('refuses what is not an OpenAPI 3 description', () => {
    expect(() => new OpenApiValidator({ swagger: '2.0' })).toThrow(/not an OpenAPI 3.x description/);
  });
});

describe('the DigitalOcean App Platform description (YAML)', () => {
  const apps = OpenApiValidator.fromFile(doSpecPath);

  it('matches literal app paths before /v2/apps/{id}', () => {
    expect(apps.match('GET', '/v2/apps/tiers/instance_sizes')?.template).toBe(
      '/v2/apps/tiers/instance_sizes',
    );
    expect(apps.match('GET', '/v2/apps/4f6c71e2')?.template).toBe('/v2/apps/{id}');
  });

  it('checks the error shape and app specs', () => {
    expect(
      apps.validateResponse('GET', '/v2/apps', 401, { id: 'unauthorized', message: 'no', request_id: 'r' })
        .valid,
    ).toBe(true);
    expect(apps.validateResponse('GET', '/v2/apps', 200, { apps: [{ id: 1 }] }).valid).toBe(false);
    expect(apps.validateRequest('POST', '/v2/apps', { spec: { name: 'sample-app' } }).valid).toBe(true);
    expect(apps.validateRequest('POST', '/v2/apps', { spec: {} }).errors.join('\n')).toMatch(
      /\/spec must have required property 'name'/,
    );
    expect(
      apps.validateRequest('POST', '/v2/apps', { spec: { name: 'Bad_Name' } }).errors.join('\n'),
    ).toMatch(/\/spec\/name must match pattern/);
  });
  it('checks query parameters: required, enums, coerced numbers', () => {
    const logs = '/v2/apps/a/deployments/d/components/web/logs';
    expect(apps.validateRequest('GET', `${logs}?type=BUILD`, undefined).errors).toEqual([]);
    expect(apps.validateRequest('GET', logs, undefined).errors).toEqual([
      'query parameter "type" is required',
    ]);
    expect(apps.validateRequest('GET', `${logs}?type=NOPE`, undefined).errors[0]).toMatch(
      /^query parameter "type" must be one of "UNSPECIFIED", "BUILD"/,
    );
    expect(apps.validateRequest('GET', '/v2/apps?page=2&per_page=20', undefined).valid).toBe(true);
    expect(apps.validateRequest('GET', '/v2/apps?per_page=many', undefined).errors[0]).toMatch(
      /^query parameter "per_page" must be integer/,
    );
  });
});

describe("GitHub's REST description from @octokit/openapi (JSON)", () => {
  const github = OpenApiValidator.fromFile(githubSpec);
  const example = (name: string) =>
    (github.doc.components as { examples: Record<string, { value: unknown }> }).examples[name].value;

  it('validates GitHub’s own examples, through a discriminator', () => {
    for (const name of [
      'content-file-response-if-content-is-a-file',
      'content-file-response-if-content-is-a-symlink',
      'content-file-response-if-content-is-a-directory',
    ]) {
      assertValid(
        github.validateResponse('GET', '/repos/o/r/contents/docs/README.md', 200, example(name)),
        name,
      );
    }
    assertValid(
      github.validateResponse('GET', '/users/octocat', 200, example('public-user-default-response')),
      'user',
    );
    assertValid(
      github.validateResponse('POST', '/repos/o/r/deployments', 201, example('deployment-simple-example')),
      'deployment',
    );
  });

  it('rejects a wrong body with the reason', () => {
    const bad = { ...(example('deployment-simple-example') as object), id: 'one' };
    expect(github.validateResponse('POST', '/repos/o/r/deployments', 201, bad).errors.join('\n')).toMatch(
      /\/id must be integer/,
    );
    expect(
      github.validateRequest('POST', '/repos/o/r/deployments', { environment: 'staging' }).errors.join('\n'),
    ).toMatch(/required property 'ref'/);
    expect(
      github.validateRequest('POST', '/repos/o/r/deployments', {
        ref: 'main',
        environment: 'staging',
        auto_merge: false,
      }).valid,
    ).toBe(true);
  });

  it('lets x-multi-segment parameters span slashes and no others', () => {
    expect(github.match('PATCH', '/repos/o/r/git/refs/heads/main')?.params).toEqual({
      owner: 'o',
      repo: 'r',
      ref: 'heads/main',
    });
    expect(github.match('GET', '/repos/o/r/not-a-route')).toBeUndefined();
  });
});
