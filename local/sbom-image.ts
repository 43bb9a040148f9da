// A test image for the sbom action: `FROM scratch` with this machine's real dpkg status,
// packages' /usr/share/doc/<package>/copyright files and os-release in one layer and a small real node_modules tree (package.json files copied from
// this repository's install) in another, pushed with gzip and zstd layers and as a
// two-platform index (the arm64 image carries a different node_modules tree).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, zstdCompressSync } from 'node:zlib';
import { RegistryClient, type ImageManifestJson } from '../lib/oci/index.js';
import { repoRoot } from './run-action.js';
import { buildahSandbox, type BuildahSandbox } from './test-image.js';

export const AMD64_NODE_MODULES = [
  'ajv',
  'ajv-formats',
  'fast-deep-equal',
  'fast-uri',
  'json-schema-traverse',
  'require-from-string',
  'yaml',
  '@actions/http-client',
  'tunnel',
  'undici',
];
export const ARM64_NODE_MODULES = ['yaml'];
export const DPKG_STATUS = '/var/lib/dpkg/status';

/** This machine's `/usr/share/doc/<package>/copyright` files of the packages dpkg lists. */
export function debianCopyrightFiles(): string[] {
  const names = new Set(
    readFileSync(DPKG_STATUS, 'utf8')
      .match(/^Package: \S+$/gm)
      ?.map((l) => l.slice(9)),
  );
  return [...names].map((n) => `/usr/share/doc/${n}/copyright`).filter((f) => existsSync(f));
}

export interface SbomTestImages {
  /** Single-platform image, gzip layers. */
  gzip: { reference: string; digest: string };
  /** The same content pushed with zstd layers. */
  zstd: { reference: string; digest: string };
  /** Index with linux/amd64 and linux/arm64. */
  index: { reference: string; digest: string };
}

function writeContext(dir: string, name: string, modules: string[]): { context: string; file: string } {
  const context = join(dir, name);
  const put = (to: string, from: string) => {
    mkdirSync(dirname(join(context, to)), { recursive: true });
    copyFileSync(from, join(context, to));
  };
  put('rootfs-os/var/lib/dpkg/status', DPKG_STATUS);
  for (const copyright of debianCopyrightFiles()) put(`rootfs-os${copyright}`, copyright);
  put('rootfs-os/etc/os-release', '/etc/os-release');
  put('rootfs-os/etc/debian_version', '/etc/debian_version');
  for (const module of modules)
    put(
      `rootfs-app/app/node_modules/${module}/package.json`,
      join(repoRoot, 'node_modules', module, 'package.json'),
    );
  // a file next to the tree that is not a package manifest
  writeFileSync(join(context, 'rootfs-app/app/index.js'), 'console.log("hello");\n');
  const file = join(context, 'Containerfile');
  writeFileSync(file, 'FROM scratch\nCOPY rootfs-os/ /\nCOPY rootfs-app/ /\n');
  return { context, file };
}

async function push(sandbox: BuildahSandbox, args: string[], target: string): Promise<string> {
  const digestFile = join(sandbox.dir, `digest-${Math.random().toString(36).slice(2)}`);
  await sandbox.buildah([
    'push',
    '--quiet',
    '--tls-verify=false',
    '--digestfile',
    digestFile,
    ...args,
    `docker://${target}`,
  ]);
  return readFileSync(digestFile, 'utf8').trim();
}

/** Pushes the test images; with `archive`, also writes the amd64 image there as a docker-archive tar. */
export async function pushSbomTestImages(
  registryHost: string,
  repository = 'sbom/fixture',
  archive?: string,
): Promise<SbomTestImages> {
  const sandbox = buildahSandbox();
  try {
    const amd = writeContext(sandbox.dir, 'amd64', AMD64_NODE_MODULES);
    const arm = writeContext(sandbox.dir, 'arm64', ARM64_NODE_MODULES);
    const build = (platform: string, tag: string, ctx: { context: string; file: string }) =>
      sandbox.buildah([
        'bud',
        '--isolation',
        'chroot',
        '--quiet',
        '--layers',
        '--platform',
        platform,
        '-f',
        ctx.file,
        '-t',
        tag,
        ctx.context,
      ]);
    await build('linux/amd64', 'localhost/sbom-amd64', amd);
    await build('linux/arm64', 'localhost/sbom-arm64', arm);
    const base = `${registryHost}/${repository}`;
    const gzip = { reference: `${base}:gzip`, digest: '' };
    gzip.digest = await push(
      sandbox,
      ['--compression-format', 'gzip', 'localhost/sbom-amd64'],
      gzip.reference,
    );
    if (archive)
      await sandbox.buildah([
        'push',
        '--quiet',
        'localhost/sbom-amd64',
        `docker-archive:${archive}:sbom/fixture:gzip`,
      ]);
    const zstd = await copyAsZstd(registryHost, repository, 'gzip', `${repository}-zstd`, 'latest');
    await sandbox.buildah(['manifest', 'create', 'localhost/sbom-list']);
    await sandbox.buildah([
      'manifest',
      'add',
      'localhost/sbom-list',
      'containers-storage:localhost/sbom-amd64',
    ]);
    await sandbox.buildah([
      'manifest',
      'add',
      'localhost/sbom-list',
      'containers-storage:localhost/sbom-arm64',
    ]);
    const index = { reference: `${base}:multi`, digest: '' };
    const digestFile = join(sandbox.dir, 'digest-index');
    await sandbox.buildah([
      'manifest',
      'push',
      '--all',
      '--quiet',
      '--tls-verify=false',
      '--digestfile',
      digestFile,
      'localhost/sbom-list',
      `docker://${index.reference}`,
    ]);
    index.digest = readFileSync(digestFile, 'utf8').trim();
    return { gzip, zstd, index };
  } finally {
    await sandbox.cleanup();
  }
}

/**
 * Re-publishes an image with zstd-compressed layers (buildah 1.28 reuses the gzip blobs it
 * already pushed), through the shared OCI client.
 */
export async function copyAsZstd(
  registryHost: string,
  fromRepository: string,
  fromTag: string,
  toRepository: string,
  toTag: string,
): Promise<{ reference: string; digest: string }> {
  const client = new RegistryClient({ registry: registryHost });
  const source = await client.getManifest(fromRepository, fromTag);
  const manifest = structuredClone(source.json) as ImageManifestJson;
  for (const layer of manifest.layers) {
    const zstd = zstdCompressSync(gunzipSync(await client.readBlob(fromRepository, layer.digest)));
    layer.digest = await client.uploadBlob(toRepository, zstd);
    layer.size = zstd.length;
    layer.mediaType = 'application/vnd.oci.image.layer.v1.tar+zstd';
  }
  await client.uploadBlob(toRepository, await client.readBlob(fromRepository, manifest.config.digest));
  const bytes = Buffer.from(
    JSON.stringify({ ...manifest, mediaType: 'application/vnd.oci.image.manifest.v1+json' }),
  );
  const digest = await client.putManifest(
    toRepository,
    toTag,
    bytes,
    'application/vnd.oci.image.manifest.v1+json',
  );
  return { reference: `${registryHost}/${toRepository}:${toTag}`, digest };
}
