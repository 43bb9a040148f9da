// The sbom action against a real registry on 127.0.0.1 holding images built with buildah.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyImage, parseReference, RegistryClient } from '../../lib/oci/index.js';
import { recordingRunner } from '../../lib/runner.js';
import { run } from '../../actions/sbom/src/main.js';
import { scanImage } from '../../actions/sbom/src/image/image.js';
import { startRegistry, type LocalRegistry } from '../../local/registry.js';
import { runAction } from '../../local/run-action.js';
import {
  AMD64_NODE_MODULES,
  debianCopyrightFiles,
  ARM64_NODE_MODULES,
  DPKG_STATUS,
  pushSbomTestImages,
  type SbomTestImages,
} from '../../local/sbom-image.js';
import { strictCycloneDxErrors } from '../helpers/cyclonedx-strict.js';

/** name@version of every installed package in this machine's dpkg status, read independently. */
function installedDebs(): string[] {
  return readFileSync(DPKG_STATUS, 'utf8')
    .split(/\n\n+/)
    .filter((p) => /^Status: .* installed$/m.test(p))
    .map((p) => `${/^Package: (.+)$/m.exec(p)![1]}@${/^Version: (.+)$/m.exec(p)![1]}`)
    .sort();
}

function nodeModules(names: string[]): string[] {
  return names
    .map((name) => {
      const manifest = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as {
        version: string;
      };
      return `${name}@${manifest.version}`;
    })
    .sort();
}

let registry: LocalRegistry;
let images: SbomTestImages;
let authRegistry: LocalRegistry;

beforeAll(async () => {
  registry = await startRegistry();
  images = await pushSbomTestImages(registry.host);
  authRegistry = await startRegistry({ auth: { kind: 'basic', username: 'ci', password: 's3cret-pass' } });
  await copyImage(
    { client: new RegistryClient({ registry: registry.host }), repository: 'sbom/fixture' },
    images.gzip.digest,
    {
      client: new RegistryClient({
        registry: authRegistry.host,
        credentials: { username: 'ci', password: 's3cret-pass' },
      }),
      repository: 'sbom/private',
    },
    ['1'],
  );
}, 120_000);

afterAll(async () => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  await registry?.stop();
  await authRegistry?.stop();
});

const client = () => new RegistryClient({ registry: registry.host });

describe('image scan', () => {
  it.each([['gzip'], ['zstd']] as const)(
    'lists exactly the dpkg packages and the node_modules tree (%s layers)',
    async (kind) => {
      const ref = parseReference(images[kind].reference);
      const scan = await scanImage(client(), ref, { os: 'linux', architecture: 'amd64' });
      expect(scan.digest).toBe(images[kind].digest);
      const debs = scan.packages.filter((p) => p.ecosystem === 'deb');
      const npm = scan.packages.filter((p) => p.ecosystem === 'npm');
      expect(debs.map((p) => `${p.name}@${p.version}`).sort()).toEqual(installedDebs());
      expect(npm.map((p) => `${p.name}@${p.version}`).sort()).toEqual(nodeModules(AMD64_NODE_MODULES));
      expect(scan.packages).toHaveLength(installedDebs().length + AMD64_NODE_MODULES.length);
      const bash = debs.find((p) => p.name === 'bash')!;
      expect(bash.purl).toMatch(/^pkg:deb\/debian\/bash@[^?]+\?arch=amd64&distro=debian-12$/);
      expect(bash.foundIn).toBe('/var/lib/dpkg/status');
      expect(bash.dependsOn.length).toBeGreaterThan(0);
      // licenses from the machine-readable /usr/share/doc/<package>/copyright files
      expect(bash.license).toMatch(/^GPL-3\.0-or-later\b/);
      const machineReadable = new Set(
        debianCopyrightFiles()
          .filter((f) =>
            /^Format:\s*https?:\/\/www\.debian\.org\/doc\/packaging-manuals\/copyright-format\/1\.0\/?\s*\n/.test(
              readFileSync(f, 'utf8'),
            ),
          )
          .map((f) => f.split('/')[4]),
      );
      expect(machineReadable.size).toBeGreaterThan(100);
      expect(debs.filter((p) => p.license).map((p) => p.name)).toEqual(
        debs.filter((p) => machineReadable.has(p.name)).map((p) => p.name),
      );
      const ajv = npm.find((p) => p.name === 'ajv')!;
      expect(ajv.license).toBe('MIT');
      expect(ajv.foundIn).toBe('/app/node_modules/ajv');
      expect(ajv.dependsOn.sort()).toEqual([
        'pkg:npm/fast-deep-equal@3.1.3',
        'pkg:npm/fast-uri@3.1.9',
        'pkg:npm/json-schema-traverse@1.0.0',
        'pkg:npm/require-from-string@2.0.2',
      ]);
      expect(npm.find((p) => p.name === '@actions/http-client')!.purl).toBe(
        'pkg:npm/%40actions/http-client@4.0.1',
      );
    },
  );

  it('picks linux/amd64 from an index by default and another platform when asked', async () => {
    const ref = parseReference(images.index.reference);
    const amd = await scanImage(client(), ref, { os: 'linux', architecture: 'amd64' });
    expect(amd.digest).toBe(images.gzip.digest);
    expect(amd.referenceDigest).toBe(images.index.digest);
    const arm = await scanImage(client(), ref, { os: 'linux', architecture: 'arm64' });
    expect(arm.packages.filter((p) => p.ecosystem === 'npm').map((p) => `${p.name}@${p.version}`)).toEqual(
      nodeModules(ARM64_NODE_MODULES),
    );
    expect(arm.packages.find((p) => p.name === 'bash')!.purl).toContain('arch=');
    await expect(scanImage(client(), ref, { os: 'linux', architecture: 's390x' })).rejects.toThrow(
      /no linux\/s390x image \(it has: linux\/amd64, linux\/arm64\)/,
    );
  });
});

describe('sbom action on an image', () => {
  it('writes both formats, sets outputs and a summary', async () => {
    const runner = recordingRunner({ image: images.index.reference, format: 'cyclonedx-json,spdx-json' });
    await run({ runner, env: { RUNNER_TEMP: registryTemp() } });
    expect(runner.failed).toBeUndefined();
    const files = runner.outputs['sbom-file'].split('\n');
    expect(files).toHaveLength(2);
    const count = installedDebs().length + AMD64_NODE_MODULES.length;
    expect(runner.outputs['component-count']).toBe(String(count));
    expect(runner.outputs['image-digest']).toBe(images.gzip.digest);
    expect(await strictCycloneDxErrors(readFileSync(files[0], 'utf8'))).toBeNull();
    const bom = JSON.parse(readFileSync(files[0], 'utf8'));
    expect(bom.components).toHaveLength(count);
    expect(bom.metadata.component.type).toBe('container');
    expect(bom.metadata.component.hashes[0].content).toBe(images.gzip.digest.slice('sha256:'.length));
    const spdx = JSON.parse(readFileSync(files[1], 'utf8'));
    expect(spdx.packages).toHaveLength(count + 1);
    const summary = runner.summary.join('\n');
    expect(summary).toContain(`| deb | ${installedDebs().length} | 0 |`);
    expect(summary).toContain('| npm | 10 | 0 |');
    expect(summary).toContain('sbom-fixture.cdx.json');
  });

  it('a digest the registry does not have is a clear error', async () => {
    const runner = recordingRunner({ image: `${registry.host}/sbom/fixture@sha256:${'0'.repeat(64)}` });
    await run({ runner, env: { RUNNER_TEMP: registryTemp() } });
    expect(runner.failed).toMatch(/^Cannot read image .*@sha256:0{64}: .*(MANIFEST_UNKNOWN|404)/);
    expect(runner.outputs).toEqual({});
  });

  it('a registry that wants credentials: a clear error without them, a scan with them (password masked)', async () => {
    const authed = { username: 'ci', password: 's3cret-pass' };
    const image = `${authRegistry.host}/sbom/private:1`;
    const anonymous = recordingRunner({ image });
    await run({ runner: anonymous, env: { RUNNER_TEMP: registryTemp() } });
    expect(anonymous.failed).toMatch(/^Cannot read image .*private:1: .*(username and password|401|denied)/i);
    const withCreds = recordingRunner({
      image,
      'registry-username': authed.username,
      'registry-password': authed.password,
    });
    await run({ runner: withCreds, env: { RUNNER_TEMP: registryTemp() } });
    expect(withCreds.secrets).toContain(authed.password);
    expect(withCreds.failed).toBeUndefined();
    expect(withCreds.outputs['image-digest']).toBe(images.gzip.digest);
    expect(JSON.stringify([withCreds.lines, withCreds.summary])).not.toContain(authed.password);
  });
});

describe('dist/sbom on an image', () => {
  it('reads the image from the registry and writes the SBOM', async () => {
    const result = await runAction('sbom', { inputs: { image: images.zstd.reference }, timeoutMs: 60_000 });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.outputs['component-count']).toBe(
      String(installedDebs().length + AMD64_NODE_MODULES.length),
    );
    expect(result.outputs['image-digest']).toBe(images.zstd.digest);
    rmSync(result.workDir, { recursive: true, force: true });
  });

  it("talks to the registry over node:http, never loading Node's undici (~70 ms of start-up)", async () => {
    const dir = registryTemp();
    const probe = join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(join(dir, 'modules'))}, process.moduleLoadList.join('\\n')));`,
    );
    const result = await runAction('sbom', {
      inputs: { image: images.gzip.reference },
      env: { NODE_OPTIONS: `--require ${probe}` },
      timeoutMs: 60_000,
    });
    expect([result.code, result.stderr]).toEqual([0, '']);
    const modules = readFileSync(join(dir, 'modules'), 'utf8');
    expect(modules).toContain('NativeModule http');
    expect(modules).not.toContain('undici');
    rmSync(result.workDir, { recursive: true, force: true });
  });
});

const temps: string[] = [];
function registryTemp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sbom-out-'));
  temps.push(dir);
  return dir;
}
