import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../../lib/inputs.js';
import {
  parseSpec,
  secretValues,
  servesHttp,
  substituteVariables,
} from '../../../actions/deploy-do/src/spec.js';

describe('substituteVariables', () => {
  it('replaces ${VAR} from the environment and leaves unknown placeholders for App Platform', () => {
    const { text, unresolved } = substituteVariables('a: ${REGION}\nb: ${APP_URL}\nc: ${db.HOST}', {
      REGION: 'fra',
    });
    expect(text).toBe('a: fra\nb: ${APP_URL}\nc: ${db.HOST}');
    expect(unresolved).toEqual(['APP_URL']);
  });

  it('treats $${VAR} as a literal ${VAR}', () => {
    expect(substituteVariables('x: $${REGION}', { REGION: 'fra' }).text).toBe('x: ${REGION}');
  });
});

describe('parseSpec', () => {
  it('reads a spec and unwraps {spec: ...} as doctl writes it', () => {
    expect(parseSpec('name: shop\nservices:\n  - name: web\n').name).toBe('shop');
    expect(parseSpec('spec:\n  name: shop\n').name).toBe('shop');
  });

  it.each([
    ['name: [unclosed', 'valid YAML'],
    ['- a\n- b\n', 'YAML mapping'],
    ['region: fra\n', 'with `name`'],
    ['name: Shop_1\n', 'with `name`'],
    ['name: shop\nservices: web\n', '`services` to be a list'],
    ['name: shop\nworkers:\n  - image: {}\n', '`workers` to be a list'],
  ])('refuses %j naming the spec input', (text, expected) => {
    const error = (() => {
      try {
        parseSpec(text);
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error?.input).toBe('spec');
    expect(error?.message).toContain(expected);
  });
});

describe('secretValues and servesHttp', () => {
  const spec = parseSpec(`
name: shop
envs:
  - { key: GLOBAL, value: g-secret, type: SECRET }
services:
  - name: web
    envs:
      - { key: PLAIN, value: visible }
      - { key: DB_PASSWORD, value: hunter2, type: SECRET }
workers:
  - name: jobs
    image: { registry_type: GHCR, registry: acme, repository: jobs, registry_credentials: "bot:ghp_x" }
`);

  it('finds SECRET values at any level and registry credentials, but not plain values', () => {
    expect(secretValues(spec).sort()).toEqual(['bot:ghp_x', 'g-secret', 'hunter2']);
  });

  it('knows which apps get a live URL', () => {
    expect(servesHttp(spec)).toBe(true);
    expect(servesHttp(parseSpec('name: bg\nworkers:\n  - name: w\n'))).toBe(false);
  });
});
