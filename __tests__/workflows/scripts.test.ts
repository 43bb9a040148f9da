// The shell steps the reusable workflows run from their shipyard checkout
// (scripts/workflows/*.sh), run with bash as a runner step runs them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadGitHubValidator, startFakeGitHub, type FakeDeployment } from '../../local/github-fake.js';
import { OpenApiValidator } from '../../local/openapi.js';

const root = resolve(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'workflow-scripts-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** GITHUB_OUTPUT as the runner reads it: `name=value` lines and `name<<delimiter` blocks. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    const single = /^([^=<]+)=(.*)$/.exec(lines[i]);
    if (single) outputs[single[1]] = single[2];
    if (!block) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== block[2]; i++) value.push(lines[i]);
    outputs[block[1]] = value.join('\n');
  }
  return outputs;
}

// A `curl` ahead of the real one on PATH that records its command line (what `ps` would show).
const bin = join(temp, 'bin');
mkdirSync(bin);
const realCurl = execFileSync('bash', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim();
writeFileSync(
  join(bin, 'curl'),
  `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> "$CURL_LOG"\nexec ${realCurl} "$@"\n`,
  { mode: 0o755 },
);

let runs = 0;
/** Runs a script as a `run:` step (asynchronously, so servers in this process can answer it). */
async function step(script: string, env: Record<string, string>) {
  const dir = join(temp, `run-${++runs}`);
  mkdirSync(dir);
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    CURL_LOG: join(dir, 'curl.log'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const child = spawn('bash', [join(root, 'scripts', 'workflows', script)], {
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      ...files,
      GITHUB_SHA: 'abc1234def5678abc1234def5678abc1234def56',
      ...env,
    },
    timeout: 60_000,
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return {
    code,
    stdout,
    outputs: readOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    curlCommandLines: readFileSync(files.CURL_LOG, 'utf8'),
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('health-urls.sh', () => {
  it('derives the health, version and smoke URLs from the live URL', async () => {
    const run = await step('health-urls.sh', {
      LIVE_URL: 'https://app.example.com/',
      SMOKE_PATHS: '/\n  api/items \n# skipped\n\n/about',
      VERSION_PATH: '/version',
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({
      health: 'https://app.example.com/health/live\nhttps://app.example.com/health/ready',
      version: 'https://app.example.com/version',
      smoke: 'https://app.example.com/\nhttps://app.example.com/api/items\nhttps://app.example.com/about',
    });
  });

  it('leaves out the version check and smoke URLs when not asked for', async () => {
    const run = await step('health-urls.sh', {
      LIVE_URL: 'https://a.example',
      SMOKE_PATHS: '',
      VERSION_PATH: '',
    });
    expect(run.outputs).toEqual({
      health: 'https://a.example/health/live\nhttps://a.example/health/ready',
      smoke: '',
    });
  });

  it('fails plainly when the deploy reported no live URL', async () => {
    const run = await step('health-urls.sh', { LIVE_URL: '' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::No live URL to check: the deployment reported none/);
  });
});

describe('deploy-summary.sh', () => {
  it('leads with what is live, then the details', async () => {
    const run = await step('deploy-summary.sh', {
      ENVIRONMENT: 'staging',
      OUTCOME: 'success',
      IMAGE_REF: 'ghcr.io/acme/shop@sha256:' + 'a'.repeat(64),
      TAGS: 'staging-latest\nstaging-abc1234',
      SBOM_COMPONENTS: '42',
      DEPLOYMENT_ID: 'dep-1',
      LIVE_URL: 'https://shop.example',
    });
    expect(run.code).toBe(0);
    expect(run.summary.split('\n')[0]).toBe('## ✅ **staging** is serving `abc1234` at https://shop.example');
    expect(run.summary).toContain('| tags | `staging-latest staging-abc1234` |');
    expect(run.summary).toContain('| SBOM | 42 components |');
  });

  it('says plainly when the deploy did not finish', async () => {
    const run = await step('deploy-summary.sh', { ENVIRONMENT: 'production', OUTCOME: 'failure' });
    expect(run.summary.split('\n')[0]).toMatch(
      /^## ❌ \*\*production\*\* deploy of `abc1234` did not finish: failure/,
    );
    expect(run.summary).toContain('| image | `not built` |');
  });
});

describe('resolve-version.sh', () => {
  let registry: ReturnType<typeof spawn> | undefined;
  let host = '';
  let digest = '';

  async function put(url: string, body: Buffer, type: string) {
    const response = await fetch(url, { method: 'PUT', body, headers: { 'content-type': type } });
    if (response.status !== 201) throw new Error(`PUT ${url}: ${response.status} ${await response.text()}`);
  }

  /** Pushes a minimal OCI image (a config, no layers) to the registry under `tag`. */
  async function pushImage(repository: string, tag: string) {
    const config = Buffer.from(
      JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
    );
    const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
    const start = await fetch(`http://${host}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
    const location = new URL(start.headers.get('location')!, `http://${host}`);
    location.searchParams.set('digest', configDigest);
    await put(location.href, config, 'application/octet-stream');
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: configDigest,
          size: config.length,
        },
        layers: [],
      }),
    );
    await put(
      `http://${host}/v2/${repository}/manifests/${tag}`,
      manifest,
      'application/vnd.oci.image.manifest.v1+json',
    );
    return `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  }

  beforeAll(async () => {
    const probe = createServer();
    host = await listen(probe);
    await new Promise((done) => probe.close(done));
    const config = join(temp, 'registry.yml');
    writeFileSync(
      config,
      `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${join(temp, 'registry')}\nhttp:\n  addr: ${host}\n`,
    );
    registry = spawn('/usr/bin/docker-registry', ['serve', config], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`http://${host}/v2/`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    digest = await pushImage('acme/shop', 'v1.4.2');
  });
  afterAll(() => void registry?.kill());

  it('resolves a release tag to the digest the registry holds', async () => {
    const run = await step('resolve-version.sh', { VERSION: 'v1.4.2', IMAGE: `${host}/acme/shop` });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ 'image-ref': `${host}/acme/shop@${digest}` });
  });

  it('accepts a digest that exists', async () => {
    const run = await step('resolve-version.sh', { VERSION: digest, IMAGE: `${host}/acme/shop` });
    expect(run.outputs).toEqual({ 'image-ref': `${host}/acme/shop@${digest}` });
  });

  it('stops before any change when the image is not in the registry', async () => {
    const run = await step('resolve-version.sh', { VERSION: 'prod-0000000', IMAGE: `${host}/acme/shop` });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::.*acme\/shop:prod-0000000 does not exist in the registry .*nothing was changed/,
    );
    expect(run.outputs).toEqual({});
  });

  it('turns previous into App Platform rollback, and refuses what is not a version', async () => {
    expect((await step('resolve-version.sh', { VERSION: 'previous' })).outputs).toEqual({
      'rollback-to': 'previous',
    });
    const bad = await step('resolve-version.sh', { VERSION: 'v1; rm -rf /' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/::error::Input 'version': expected a tag/);
  });

  it('answers a bearer challenge with a token from the credentials', async () => {
    const seen: string[] = [];
    const auth = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      if (req.url?.startsWith('/token')) {
        const basic = Buffer.from('robot:s3cret').toString('base64');
        if (req.headers.authorization !== `Basic ${basic}`) return res.writeHead(401).end();
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"tok-1"}');
      }
      if (req.headers.authorization !== 'Bearer tok-1')
        return res
          .writeHead(401, { 'www-authenticate': `Bearer realm="http://${authHost}/token",service="fake"` })
          .end();
      res.writeHead(200, { 'docker-content-digest': digest }).end();
    });
    const authHost = await listen(auth);
    try {
      const run = await step('resolve-version.sh', {
        VERSION: 'v1.4.2',
        IMAGE: `${authHost}/acme/shop`,
        REGISTRY_USERNAME: 'robot',
        REGISTRY_PASSWORD: 's3cret',
      });
      expect(run.outputs).toEqual({ 'image-ref': `${authHost}/acme/shop@${digest}` });
      expect(run.stdout).toContain('::add-mask::tok-1');
      expect(run.curlCommandLines).toContain(`http://${authHost}/v2/acme/shop/manifests/v1.4.2`);
      for (const secret of ['s3cret', Buffer.from('robot:s3cret').toString('base64'), 'tok-1'])
        expect(run.curlCommandLines).not.toContain(secret);
      expect(seen).toContainEqual(
        expect.stringMatching(
          /^GET \/token\?service=fake&scope=repository(:|%3A)acme(\/|%2F)shop(:|%3A)pull Basic /i,
        ),
      );
    } finally {
      await new Promise((done) => auth.close(done));
    }
  });
});

describe('rollback-summary.sh', () => {
  it('shows the images of the deployment before and the one now, as App Platform records them', async () => {
    const apps = OpenApiValidator.fromFile(
      join(root, '__tests__', 'fixtures', 'do-openapi', 'apps.openapi.yaml'),
    );
    const image = (digestOrTag: Record<string, string>) => ({
      name: 'web',
      image: { registry_type: 'GHCR', registry: 'acme', repository: 'shop', ...digestOrTag },
    });
    const deployments: Record<string, unknown> = {
      'dep-old': {
        deployment: { id: 'dep-old', spec: { name: 'shop', services: [image({ tag: 'v1.5.0' })] } },
      },
      'dep-new': {
        deployment: {
          id: 'dep-new',
          spec: { name: 'shop', services: [image({ digest: `sha256:${'b'.repeat(64)}` })] },
        },
      },
    };
    const problems: string[] = [];
    const api = createServer((req, res) => {
      const id = req.url!.split('/').pop()!;
      const body = deployments[id];
      const check = apps.validateResponse('GET', req.url!, 200, body);
      if (!check.valid || req.headers.authorization !== 'Bearer do-token')
        problems.push(...check.errors, 'auth');
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    const apiHost = await listen(api);
    try {
      const run = await step('rollback-summary.sh', {
        ENVIRONMENT: 'production',
        VERSION: 'v1.4.2',
        OUTCOME: 'success',
        IMAGE_REF: `ghcr.io/acme/shop@sha256:${'b'.repeat(64)}`,
        APP_ID: 'app-1',
        DEPLOYMENT_ID: 'dep-new',
        PREVIOUS_DEPLOYMENT_ID: 'dep-old',
        LIVE_URL: 'https://shop.example',
        DO_API_URL: `http://${apiHost}`,
        DIGITALOCEAN_TOKEN: 'do-token',
      });
      expect(problems).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.summary).toContain(
        '## ✅ **production** rolled back to `v1.4.2`: now serving at https://shop.example',
      );
      expect(run.summary).toContain('| before | `dep-old` | web: acme/shop:v1.5.0 |');
      expect(run.curlCommandLines).toContain('/v2/apps/app-1/deployments/dep-old');
      expect(run.curlCommandLines).not.toContain('do-token');
      expect(run.summary).toContain(`| now | \`dep-new\` | web: acme/shop@sha256:${'b'.repeat(64)} |`);
    } finally {
      await new Promise((done) => api.close(done));
    }
  });
});

describe('staging-verified.sh', () => {
  const sha = 'abc1234def5678abc1234def5678abc1234def56';
  const staging = (id: number) => ({
    id,
    workflows: ['shipyard-dev/shipyard/.github/workflows/deploy-staging.yml@v1'],
  });
  const rollback = (id: number) => ({
    id,
    workflows: ['shipyard-dev/shipyard/.github/workflows/rollback.yml@v1'],
  });
  const inStaging = (
    id: number,
    commit: string,
    states: FakeDeployment['states'],
    run?: FakeDeployment['run'],
  ): FakeDeployment => ({ id, sha: commit, environment: 'staging', states, run });
  it('passes only when the latest staging deployment of the commit by deploy-staging succeeded', async () => {
    const github = await startFakeGitHub({
      validator: loadGitHubValidator(),
      token: 'gh-token',
      deployments: [
        inStaging(1, sha, ['in_progress', 'success'], staging(11)),
        inStaging(2, 'f'.repeat(40), ['in_progress', 'failure'], staging(12)),
        inStaging(3, 'e'.repeat(40), ['success'], staging(13)),
        inStaging(4, 'e'.repeat(40), ['in_progress', 'failure'], staging(14)),
        // The staging deploy of d… failed; a rollback dispatched from d… then succeeded.
        inStaging(5, 'd'.repeat(40), ['failure'], staging(15)),
        inStaging(6, 'd'.repeat(40), ['success'], rollback(16)),
        // Only a rollback (or a deployment made outside Actions) ever used c… in staging.
        inStaging(7, 'c'.repeat(40), ['success'], rollback(17)),
        inStaging(8, 'c'.repeat(40), ['success']),
      ],
    });
    const check = (commit: string, extra: Record<string, string> = {}) =>
      step('staging-verified.sh', {
        GH_TOKEN: 'gh-token',
        GITHUB_API_URL: github.url,
        REPOSITORY: 'acme/shop',
        SHA: commit,
        ...extra,
      });
    try {
      const verified = await check(sha);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toContain('staging verified abc1234 (deployment #1: success)');
      expect(verified.curlCommandLines).toContain('/repos/acme/shop/deployments?sha=');
      expect(verified.curlCommandLines).not.toContain('gh-token');
      const failed = await check('f'.repeat(40));
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/::error::The staging deployment of fffffff \(#2\) ended 'failure'/);
      expect((await check('e'.repeat(40))).stdout).toMatch(/#4\) ended 'failure'/);
      const never = await check('0'.repeat(40), { WARN_ONLY: 'true' });
      expect(never.code).toBe(1);
      expect(never.stdout).toMatch(/::warning::staging never deployed 0000000/);
      const rolledBack = await check('d'.repeat(40));
      expect(rolledBack.code).toBe(1);
      expect(rolledBack.stdout).toContain('Passing over staging deployment #6: not made by deploy-staging');
      expect(rolledBack.stdout).toMatch(/#5\) ended 'failure'/);
      const onlyRollbacks = await check('c'.repeat(40));
      expect(onlyRollbacks.code).toBe(1);
      expect(onlyRollbacks.stdout).toMatch(/::error::staging never deployed ccccccc with deploy-staging/);
      expect(github.violations).toEqual([]);
    } finally {
      await github.close();
    }
  });
});
