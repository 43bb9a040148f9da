import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../lib/inputs.js';
import { recordingRunner } from '../../../lib/runner.js';
import { readInputs } from '../../../actions/deploy-do/src/inputs.js';
import { run } from '../../../actions/deploy-do/src/main.js';
import { DIGEST, virtualClock } from './fakes.js';

const dir = mkdtempSync(join(tmpdir(), 'deploy-do-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'app.yaml'),
  `name: shop
region: \${REGION}
services:
  - name: web
    image: { registry_type: GHCR, registry: acme, repository: web, tag: latest }
    envs:
      - { key: API_KEY, value: "\${API_KEY}", type: SECRET }
      - { key: BASE, value: "\${APP_URL}" }
`,
);
writeFileSync(join(dir, 'broken.yaml'), 'name: shop\nservices: [\n');
const env = { GITHUB_WORKSPACE: dir, REGION: 'fra', API_KEY: 'k-123' };
const base = { token: 'dop_v1_x', 'app-name': 'shop' };
const reader = (inputs: Record<string, string>) => (name: string) => (inputs[name] ?? '').trim();

function refusal(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): InputError {
  try {
    readInputs(reader(inputs), { ...env, ...extraEnv });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('inputs were accepted');
}

describe('readInputs', () => {
  it('reads defaults and a spec with ${VAR} substituted', () => {
    const inputs = readInputs(
      reader({ ...base, spec: 'app.yaml', images: `web=ghcr.io/acme/web@${DIGEST}` }),
      env,
    );
    expect(inputs).toMatchObject({
      appName: 'shop',
      wait: true,
      timeoutMs: 30 * 60_000,
      forceBuild: false,
      printLogs: 'on-failure',
      apiUrl: 'https://api.digitalocean.com',
      create: false,
      images: [{ component: 'web', reference: `ghcr.io/acme/web@${DIGEST}` }],
      unresolvedVariables: ['APP_URL'],
    });
    expect(inputs.spec?.region).toBe('fra');
  });

  it.each<[string, Record<string, string>, string, string]>([
    ['a missing token', { 'app-name': 'shop' }, 'token', 'API token'],
    ['both app-id and app-name', { ...base, 'app-id': 'abc' }, 'app-id', 'not both'],
    ['neither app-id nor app-name', { token: 't' }, 'app-name', 'app-name'],
    ['an unreadable spec', { ...base, spec: 'missing.yaml' }, 'spec', 'ENOENT'],
    ['invalid spec YAML', { ...base, spec: 'broken.yaml' }, 'spec', 'valid YAML'],
    ['a spec for another app', { ...base, 'app-name': 'other', spec: 'app.yaml' }, 'spec', "'other'"],
    ['an unknown component', { ...base, spec: 'app.yaml', images: 'db=ghcr.io/acme/db:1' }, 'images', 'db'],
    ['a malformed reference', { ...base, images: 'web=ghcr.io/acme/web:' }, 'images', 'image reference'],
    ['a malformed digest', { ...base, images: 'web=ghcr.io/acme/web@sha256:12' }, 'images', 'digest'],
    ['an unparsable timeout', { ...base, timeout: 'soon' }, 'timeout', 'duration'],
    ['an unknown print-logs', { ...base, 'print-logs': 'sometimes' }, 'print-logs', "'on-failure'"],
    [
      'rollback-to with images',
      { ...base, 'rollback-to': 'previous', images: `web=ghcr.io/acme/web@${DIGEST}` },
      'rollback-to',
      'images',
    ],
    ['a bad rollback-to', { ...base, 'rollback-to': 'last good one' }, 'rollback-to', 'deployment id'],
    ['a bad wait', { ...base, wait: 'yes' }, 'wait', '`true` or `false`'],
    ['a bad api-url', { ...base, 'api-url': 'ftp://x' }, 'api-url', 'http(s) URL'],
    ['plain http off this machine', { ...base, 'api-url': 'http://api.example.com' }, 'api-url', 'https URL'],
    ['create without spec', { ...base, create: 'true' }, 'spec', 'create'],
    ['project-id without create', { ...base, 'project-id': 'proj-1' }, 'project-id', '`create: true`'],
    [
      'project-id with create false',
      { ...base, create: 'false', 'project-id': 'proj-1' },
      'project-id',
      '`create: true`',
    ],
  ])('refuses %s', (_what, inputs, input, expected) => {
    const error = refusal(inputs);
    expect(error.input).toBe(input);
    expect(error.message).toContain(expected);
  });

  it('accepts project-id together with create', () => {
    const read = reader({ ...base, spec: 'app.yaml', create: 'true', 'project-id': 'proj-1' });
    expect(readInputs(read, env).projectId).toBe('proj-1');
  });

  it.each(['http://127.0.0.1:4010', 'http://localhost:4010/', 'http://[::1]:4010'])(
    'accepts plain http to this machine (%s)',
    (url) => {
      expect(readInputs(reader({ ...base, 'api-url': url }), env).apiUrl).toBe(url.replace(/\/$/, ''));
    },
  );

  it('refuses a token with a line break inside without showing it', () => {
    const error = refusal({ ...base, token: 'dop_v1_abc\ndop_v1_def' });
    expect(error.input).toBe('token');
    expect(error.message).not.toContain('dop_v1');
  });

  it('refuses a malformed IMAGE_DIGEST_ variable for the spec', () => {
    expect(refusal({ ...base, spec: 'app.yaml' }, { IMAGE_DIGEST_WEB: 'sha256:nope' }).input).toBe(
      'IMAGE_DIGEST_WEB',
    );
  });
});

describe('main with bad input', () => {
  it('fails naming the input and sends no request', async () => {
    const runner = recordingRunner({ ...base, timeout: 'soon' });
    const requests: string[] = [];
    const result = await run(runner, {
      env,
      clock: virtualClock(),
      signal: new AbortController().signal,
      fetch: (async (url: string) => {
        requests.push(url);
        throw new Error('no request expected');
      }) as typeof fetch,
    });
    expect(result).toBeUndefined();
    expect(runner.failed).toContain("Input 'timeout'");
    expect(requests).toEqual([]);
    expect(runner.outputs).toEqual({});
  });
});
