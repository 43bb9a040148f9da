import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { recordingRunner } from '../../../lib/runner.js';
import { run } from '../../../actions/sbom/src/main.js';
import { artifactName } from '../../../actions/sbom/src/publish.js';
import { strictCycloneDxErrors } from '../../helpers/cyclonedx-strict.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const root = resolve(import.meta.dirname, '../../..');
const fixtures = join(root, '__tests__/fixtures/sbom');
const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sbom-main-'));
  temps.push(dir);
  return dir;
};

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let apiUrl: string;
const requests: Recorded[] = [];
let snapshotStatus = 201;
const existingAssets = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url!.includes('/dependency-graph/snapshots')) {
        res.writeHead(snapshotStatus, { 'content-type': 'application/json' });
        return res.end(
          snapshotStatus === 201
            ? JSON.stringify({ id: 7, number: 1, result: 'SUCCESS', created_at: new Date().toISOString() })
            : JSON.stringify({ message: 'Resource not accessible by integration' }),
        );
      }
      if (req.url!.startsWith('/repos/a/b/releases/5/assets')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        const assets = [...existingAssets].map((name, id) => ({
          id,
          name,
          url: `${apiUrl}/repos/a/b/releases/assets/${id}`,
        }));
        return res.end(JSON.stringify(assets));
      }
      if (req.method === 'DELETE' && req.url!.startsWith('/repos/a/b/releases/assets/')) {
        existingAssets.clear();
        return res.writeHead(204).end();
      }
      if (req.url!.startsWith('/uploads/')) {
        const name = new URL(req.url!, 'http://x').searchParams.get('name');
        if (existingAssets.has(name!)) {
          res.writeHead(422, { 'content-type': 'application/json' });
          return res.end(
            JSON.stringify({ message: 'Validation Failed', errors: [{ code: 'already_exists' }] }),
          );
        }
        res.writeHead(201, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ id: 1, name, browser_download_url: `https://example.test/${name}` }));
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((r) => server.close(() => r()));
});

describe('bad input fails before anything happens', () => {
  it.each([
    [{}, "Input 'path': expected a folder or lockfile to scan"],
    [{ path: 'no/such/dir' }, "Input 'path': expected an existing folder or lockfile, got 'no/such/dir'"],
    [{ path: '.', image: 'alpine:3' }, "Input 'image': expected either `path` or `image`, not both"],
    [{ image: 'Not A Ref!!' }, "Input 'image': expected an image reference such as ghcr.io/owner/app:1.2.3"],
    [{ image: 'ghcr.io/owner/app' }, "Input 'image': expected an image reference with a tag or a digest"],
    [
      { path: '.', format: 'cyclonedx-xml' },
      "Input 'format': expected 'cyclonedx-json', 'spdx-json' or both",
    ],
    [{ path: '.', platform: 'amd64' }, "Input 'platform': expected os/architecture[/variant]"],
    [{ image: 'ghcr.io/a/b:1', 'registry-username': 'me' }, "Input 'registry-password': expected both"],
    [
      { path: '.', 'upload-artifact': 'yes' },
      "Input 'upload-artifact': expected `true` or `false`, got 'yes'",
    ],
    [
      { path: '.', 'dependency-snapshot': 'true' },
      "Input 'token': expected a GitHub token with `contents: write`",
    ],
    [{ path: '.', 'api-url': 'ftp://x' }, "Input 'api-url': expected an http(s) URL"],
  ])('%j', async (inputs, message) => {
    const out = temp();
    const runner = recordingRunner(inputs as Record<string, string>);
    await run({
      runner,
      env: { RUNNER_TEMP: out, GITHUB_WORKSPACE: fixtures },
      fetch: () => Promise.reject(new Error('no request')),
    });
    expect(runner.failed).toContain(message);
    expect(runner.lines).toEqual([`::error::${runner.failed}`]);
    expect(runner.outputs).toEqual({});
  });
});

describe('source scans', () => {
  it('writes both formats, outputs, and a summary listing ecosystems, licenses and unsupported lockfiles', async () => {
    const out = temp();
    const runner = recordingRunner({
      path: '.',
      format: 'cyclonedx-json\nspdx-json',
      'output-file': 'sboms/repo.json',
    });
    await run({
      runner,
      env: { RUNNER_TEMP: out, GITHUB_WORKSPACE: join(fixtures, 'monorepo'), GITHUB_REPOSITORY: 'acme/shop' },
    });
    expect(runner.failed).toBeUndefined();
    const files = [
      join(fixtures, 'monorepo/sboms/repo.cdx.json'),
      join(fixtures, 'monorepo/sboms/repo.spdx.json'),
    ];
    try {
      expect(runner.outputs['sbom-file']).toBe(files.join('\n'));
      expect(runner.outputs['component-count']).toBe('16');
      expect(JSON.parse(readFileSync(files[0], 'utf8')).components).toHaveLength(16);
      expect(await strictCycloneDxErrors(readFileSync(files[0], 'utf8'))).toBeNull();
      expect(JSON.parse(readFileSync(files[1], 'utf8')).spdxVersion).toBe('SPDX-2.3');
      const summary = runner.summary.join('\n');
      expect(summary).toContain('### SBOM of acme/shop');
      expect(summary).toContain('| gem | 9 | 0 |');
      expect(summary).toContain('| npm | 7 | 1 |');
      expect(summary).toContain('16 components state no license');
      expect(summary).toContain('**Unsupported lockfiles (not read):** `Podfile.lock`');
      expect(summary).toContain('`repo.cdx.json`, `repo.spdx.json`');
      expect(runner.lines).toContain(
        '::warning::Podfile.lock: a lockfile format this action does not read; its packages are not in the SBOM',
      );
    } finally {
      for (const f of files) if (existsSync(f)) writeFileSync(f, '');
      rmSync(join(fixtures, 'monorepo/sboms'), { recursive: true, force: true });
    }
  });

  it('a corrupt lockfile fails with its file and line, nothing written', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'svc'));
    writeFileSync(
      join(dir, 'svc/Cargo.lock'),
      'version = 3\n\n[[package]]\nname = "serde"\nversion = "1.0"\nchecksum = abc\n',
    );
    const out = temp();
    const runner = recordingRunner({ path: '.' });
    await run({ runner, env: { RUNNER_TEMP: out, GITHUB_WORKSPACE: dir } });
    expect(runner.failed).toMatch(/^Corrupt lockfile svc\/Cargo\.lock:6: invalid TOML/);
    expect(runner.outputs).toEqual({});
  });

  it('unpinned requirements are warned about and listed in the summary', async () => {
    const runner = recordingRunner({ path: 'python/requirements-dev.txt' });
    await run({ runner, env: { RUNNER_TEMP: temp(), GITHUB_WORKSPACE: fixtures } });
    expect(runner.outputs['component-count']).toBe('1');
    expect(runner.lines).toContain(
      "::warning::python/requirements-dev.txt:2: unpinned requirement 'pytest>=2.8.0,<9' is not in the SBOM (pin it with ==)",
    );
    expect(runner.summary.join('')).toContain('6 unpinned requirement(s), not in the SBOM');
  });
});

describe('publishing', () => {
  it('submits a dependency snapshot that matches GitHub’s schema, with a per-job correlator', async () => {
    requests.length = 0;
    snapshotStatus = 201;
    const runner = recordingRunner({
      path: 'pnpm-v9',
      'dependency-snapshot': 'true',
      token: 'ghs_secret123',
      'api-url': apiUrl,
      matrix: '{"node":24}',
    });
    const env = {
      RUNNER_TEMP: temp(),
      GITHUB_WORKSPACE: fixtures,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_WORKFLOW: 'ci',
      GITHUB_JOB: 'sbom',
      GITHUB_RUN_ID: '99',
    };
    await run({ runner, env });
    expect(runner.failed).toBeUndefined();
    expect(runner.secrets).toContain('ghs_secret123');
    const [request] = requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/repos/acme/shop/dependency-graph/snapshots');
    expect(request.headers.authorization).toBe('Bearer ghs_secret123');
    const snapshot = JSON.parse(request.body);
    const openapi = JSON.parse(
      readFileSync(join(root, 'node_modules/@octokit/openapi/generated/api.github.com.json'), 'utf8'),
    );
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const schemas = openapi.components.schemas;
    const used = ['snapshot', 'metadata', 'manifest', 'dependency'];
    // OpenAPI's `nullable` is not JSON schema; the action sends no metadata values anyway
    const picked = JSON.parse(
      JSON.stringify(Object.fromEntries(used.map((k) => [k, schemas[k]]))).replace(/"nullable":true,/g, ''),
    );
    ajv.addSchema({ components: { schemas: picked } }, 'openapi');
    const validate = ajv.getSchema('openapi#/components/schemas/snapshot')!;
    expect([validate(snapshot), validate.errors]).toEqual([true, null]);
    expect(snapshot.job.correlator).toBe('ci / sbom / {"node":24} / pnpm-v9');
    const manifest = snapshot.manifests['pnpm-v9/pnpm-lock.yaml'];
    expect(manifest.resolved['pkg:npm/yaml@2.9.1']).toEqual({
      package_url: 'pkg:npm/yaml@2.9.1',
      relationship: 'direct',
      scope: 'development',
      dependencies: [],
    });
    expect(manifest.resolved['pkg:npm/fast-uri@3.1.9'].relationship).toBe('indirect');
    const bom = JSON.parse(readFileSync(runner.outputs['sbom-file'], 'utf8'));
    expect(bom.metadata.component).toMatchObject({
      name: 'acme/shop',
      version: 'a'.repeat(40),
      purl: `pkg:github/acme/shop@${'a'.repeat(40)}`,
    });
    expect(runner.summary.join('')).toContain('**Dependency snapshot:** submitted (id 7)');
  });

  it('a 403 from the dependency submission API is a warning naming contents: write', async () => {
    snapshotStatus = 403;
    const runner = recordingRunner({
      path: 'pnpm-v9',
      'dependency-snapshot': 'true',
      token: 't',
      'api-url': apiUrl,
    });
    await run({
      runner,
      env: {
        RUNNER_TEMP: temp(),
        GITHUB_WORKSPACE: fixtures,
        GITHUB_REPOSITORY: 'a/b',
        GITHUB_SHA: 'b'.repeat(40),
        GITHUB_REF: 'refs/heads/x',
      },
    });
    expect(runner.failed).toBeUndefined();
    expect(runner.lines.find((l) => l.startsWith('::warning::'))).toMatch(/HTTP 403.*`contents: write`/);
    expect(runner.outputs['component-count']).toBe('7');
  });

  it('attaches the files to the release of a release event', async () => {
    requests.length = 0;
    const work = temp();
    const eventPath = join(work, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        release: {
          tag_name: 'v1.2.3',
          upload_url: `${apiUrl}/uploads/repos/a/b/releases/5/assets{?name,label}`,
        },
      }),
    );
    const runner = recordingRunner({ path: 'php', format: 'cyclonedx-json,spdx-json', token: 'tok' });
    await run({
      runner,
      env: {
        RUNNER_TEMP: work,
        GITHUB_WORKSPACE: fixtures,
        GITHUB_EVENT_NAME: 'release',
        GITHUB_EVENT_PATH: eventPath,
      },
    });
    expect(runner.failed).toBeUndefined();
    expect(requests.map((r) => r.url)).toEqual([
      '/uploads/repos/a/b/releases/5/assets?name=sbom-php.cdx.json',
      '/uploads/repos/a/b/releases/5/assets?name=sbom-php.spdx.json',
    ]);
    expect(JSON.parse(requests[0].body).bomFormat).toBe('CycloneDX');
    expect(await strictCycloneDxErrors(requests[0].body)).toBeNull();
    const summary = runner.summary.join('');
    expect(summary).toContain('https://example.test/sbom-php.spdx.json');
    expect(summary).toContain('**Top licenses**');
    expect(summary).toContain('| MIT | 2 |');
    expect(summary).toContain('| BSD-3-Clause | 1 |');
  });

  it('a re-run replaces the release asset its first run attached (HTTP 422 already_exists)', async () => {
    requests.length = 0;
    existingAssets.add('sbom-php.cdx.json');
    const work = temp();
    const eventPath = join(work, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        release: {
          upload_url: `${apiUrl}/uploads/repos/a/b/releases/5/assets{?name,label}`,
          assets_url: `${apiUrl}/repos/a/b/releases/5/assets`,
        },
      }),
    );
    const runner = recordingRunner({ path: 'php', token: 'tok' });
    await run({
      runner,
      env: {
        RUNNER_TEMP: work,
        GITHUB_WORKSPACE: fixtures,
        GITHUB_EVENT_NAME: 'release',
        GITHUB_EVENT_PATH: eventPath,
      },
    });
    expect(runner.failed).toBeUndefined();
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /uploads/repos/a/b/releases/5/assets?name=sbom-php.cdx.json',
      'GET /repos/a/b/releases/5/assets?per_page=100',
      'DELETE /repos/a/b/releases/assets/0',
      'POST /uploads/repos/a/b/releases/5/assets?name=sbom-php.cdx.json',
    ]);
    expect(runner.lines).toContain('Replaced the release asset sbom-php.cdx.json left by an earlier run');
  });

  it('artifact names differ per job, matrix leg and subject', () => {
    const a = artifactName({ GITHUB_JOB: 'build' }, '{"os":"ubuntu"}', 'ghcr.io/acme/app');
    const b = artifactName({ GITHUB_JOB: 'build' }, '{"os":"windows"}', 'ghcr.io/acme/app');
    expect(a).toMatch(/^sbom-build-[0-9a-f]{8}-ghcr.io-acme-app$/);
    expect(a).not.toBe(b);
    expect(artifactName({ GITHUB_JOB: 'build' }, 'null', '.')).toBe('sbom-build-source');
  });

  it('upload-artifact without the runner’s artifact service fails clearly after writing the files', async () => {
    const runner = recordingRunner({ path: 'php', 'upload-artifact': 'true' });
    await run({ runner, env: { RUNNER_TEMP: temp(), GITHUB_WORKSPACE: fixtures } });
    expect(runner.outputs['component-count']).toBe('3');
    expect(runner.failed).toBe('upload-artifact: Unable to get the ACTIONS_RUNTIME_TOKEN env variable');
  });
});
