// The example app spec is one App Platform accepts: a valid `spec` for POST /v2/apps in
// DigitalOcean's OpenAPI description, wired to the sample app's health endpoints.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { OpenApiValidator } from '../../local/openapi.js';

const root = resolve(import.meta.dirname, '..', '..');
const spec = parse(readFileSync(join(root, 'examples', 'app-spec.yaml'), 'utf8'));
const apps = OpenApiValidator.fromFile(
  join(root, '__tests__', 'fixtures', 'do-openapi', 'apps.openapi.yaml'),
);

describe('examples/app-spec.yaml', () => {
  it('is a valid app spec for creating the app', () => {
    expect(apps.validateRequest('POST', '/v2/apps', { spec }).errors).toEqual([]);
  });

  it('is checked: a wrong type or a missing name is refused', () => {
    const badPort = { ...spec, services: [{ ...spec.services[0], http_port: 'eighty' }] };
    expect(apps.validateRequest('POST', '/v2/apps', { spec: badPort }).valid).toBe(false);
    const bad = { ...spec, name: undefined };
    expect(apps.validateRequest('POST', '/v2/apps', { spec: bad }).valid).toBe(false);
  });

  it('runs the image in the `web` component the workflows deploy, probing the health endpoints', () => {
    const [web] = spec.services;
    expect(web.name).toBe('web');
    expect(web.image.registry_type).toBe('GHCR');
    expect(web.health_check.http_path).toBe('/health/ready');
    expect(web.liveness_health_check.http_path).toBe('/health/live');
    expect(web.envs).toContainEqual(expect.objectContaining({ key: 'PORT', value: String(web.http_port) }));
  });
});
