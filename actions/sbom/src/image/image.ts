// Reads an image straight from its registry: manifest (or index → platform), then each layer
// streamed once through gunzip/zstd and the tar reader, keeping only the files that list packages.
import { basename, dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import {
  imageName,
  isIndexType,
  type Descriptor,
  type ImageManifestJson,
  type ImageReference,
  type IndexJson,
  type RegistryClient,
} from '../../../../lib/oci/index.js';
import { readerFor } from '../lockfiles/index.js';
import { LockfileError, type LockfileResult } from '../model.js';
import { combine } from '../scan.js';
import type { ScanResult } from '../model.js';
import { readDistInfo, readNodeModules, DIST_INFO_METADATA, NODE_MODULE_MANIFEST } from './installed.js';
import { debianCopyrightLicense } from './debian-copyright.js';
import { parseOsRelease, readApkInstalled, readDpkgStatus } from './os-packages.js';
import { TarReader, type TarHeader } from './tar.js';
import type { Platform } from './platform.js';

export { parsePlatform, type Platform } from './platform.js';

const MAX_FILE_BYTES = 64 * 1024 * 1024;
const DEBIAN_COPYRIGHT = /^usr\/share\/doc\/[^/]+\/copyright$/;

/** Files worth reading, by path inside the image (no leading slash). */
export function isInteresting(path: string): boolean {
  if (path === 'var/lib/dpkg/status' || path.startsWith('var/lib/dpkg/status.d/')) return true;
  if (DEBIAN_COPYRIGHT.test(path)) return true;
  if (path === 'lib/apk/db/installed' || path === 'etc/os-release' || path === 'usr/lib/os-release')
    return true;
  if (NODE_MODULE_MANIFEST.test(path) || DIST_INFO_METADATA.test(path)) return true;
  if (path.includes('node_modules/')) return false;
  const name = basename(path);
  return !!readerFor(name) || name === 'package.json' || name === 'go.sum';
}

export function normalizePath(path: string): string {
  return path.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

interface LayerFile {
  layer: number;
  content?: Buffer;
  /** Debian copyright files are reduced to their license as they stream past (megabytes of text). */
  license?: string;
}

/** The image's filesystem, reduced to interesting files, with whiteouts applied layer by layer. */
export class LayeredFiles {
  private readonly files = new Map<string, LayerFile>();
  layer = 0;

  private removeLower(prefix: string, includeSelf: boolean): void {
    for (const [path, file] of this.files)
      if (file.layer < this.layer && ((includeSelf && path === prefix) || path.startsWith(`${prefix}/`)))
        this.files.delete(path);
  }

  entry(header: TarHeader): void {
    const path = normalizePath(header.path);
    const name = basename(path);
    if (name === '.wh..wh..opq') this.removeLower(dirname(path), false);
    else if (name.startsWith('.wh.'))
      this.removeLower(`${dirname(path) === '.' ? '' : `${dirname(path)}/`}${name.slice(4)}`, true);
    else if (header.type !== '0' && header.type !== '7') {
      // a directory, link or device replaces whatever regular file a lower layer had there
      const seen = this.files.get(path);
      if (seen && seen.layer < this.layer && header.type !== '5') this.files.delete(path);
    }
  }

  wants(header: TarHeader): boolean {
    return (
      (header.type === '0' || header.type === '7') &&
      header.size <= MAX_FILE_BYTES &&
      isInteresting(normalizePath(header.path))
    );
  }

  add(header: TarHeader, content: Buffer): void {
    const path = normalizePath(header.path);
    this.files.set(
      path,
      DEBIAN_COPYRIGHT.test(path)
        ? { layer: this.layer, license: debianCopyrightLicense(content) }
        : { layer: this.layer, content: Buffer.from(content) },
    );
  }

  get(path: string): string | undefined {
    return this.files.get(path)?.content?.toString('utf8');
  }

  /** The license /usr/share/doc/<name>/copyright states, if it is machine-readable. */
  debianLicense(name: string): string | undefined {
    return this.files.get(`usr/share/doc/${name}/copyright`)?.license;
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }
}

// zlib's default 16 KiB output chunks made a layer thousands of small buffers (GC time)
const CHUNK_BYTES = 512 * 1024;

function decompressor(mediaType: string) {
  if (/zstd/.test(mediaType)) return createZstdDecompress({ chunkSize: CHUNK_BYTES });
  if (/gzip/.test(mediaType)) return createGunzip({ chunkSize: CHUNK_BYTES });
  return undefined;
}

export async function readLayer(
  stream: ReadableStream<Uint8Array>,
  mediaType: string,
  files: LayeredFiles,
): Promise<void> {
  const tar = new TarReader(
    (h) => files.wants(h),
    (h, content) => files.add(h, content),
    (h) => files.entry(h),
  );
  const sink = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) tar.push(chunk);
    tar.end();
  };
  const unzip = decompressor(mediaType);
  const input = Readable.fromWeb(stream as import('node:stream/web').ReadableStream<Uint8Array>);
  if (unzip) await pipeline(input, unzip, sink);
  else await pipeline(input, sink);
}

export class PlatformError extends Error {}

function platformMatches(descriptor: Descriptor, platform: Platform): boolean {
  const p = descriptor.platform;
  return (
    !!p &&
    p.os === platform.os &&
    p.architecture === platform.architecture &&
    (!platform.variant || p.variant === platform.variant)
  );
}

export interface ImageManifestChoice {
  digest: string;
  manifest: ImageManifestJson;
  /** Digest the reference resolved to (the index's, for multi-platform images). */
  referenceDigest: string;
}

export async function resolveImageManifest(
  client: RegistryClient,
  ref: ImageReference,
  platform: Platform,
): Promise<ImageManifestChoice> {
  const top = await client.getManifest(ref.repository, ref.digest ?? ref.tag ?? 'latest');
  if (!isIndexType(top.mediaType) && !('manifests' in top.json))
    return { digest: top.digest, manifest: top.json as ImageManifestJson, referenceDigest: top.digest };
  const index = top.json as IndexJson;
  const chosen = index.manifests.find((m) => platformMatches(m, platform));
  if (!chosen) {
    const available = index.manifests
      .filter((m) => m.platform && m.platform.os !== 'unknown')
      .map((m) => [m.platform!.os, m.platform!.architecture, m.platform!.variant].filter(Boolean).join('/'));
    throw new PlatformError(
      `${imageName(ref)} has no ${[platform.os, platform.architecture, platform.variant].filter(Boolean).join('/')} image (it has: ${available.join(', ') || 'none'}); set the 'platform' input`,
    );
  }
  const manifest = await client.getManifest(ref.repository, chosen.digest);
  return {
    digest: manifest.digest,
    manifest: manifest.json as ImageManifestJson,
    referenceDigest: top.digest,
  };
}

/** Reads the packages out of the collected files. */
export function packagesFromFiles(files: LayeredFiles): ScanResult {
  const osRelease = files.get('etc/os-release') ?? files.get('usr/lib/os-release');
  const os = osRelease ? parseOsRelease(osRelease) : undefined;
  const results: LockfileResult[] = [];
  const single = (file: string, kind: string, packages: LockfileResult['packages']) =>
    results.push({ file, kind, packages, directDependencies: [], unpinned: [] });
  const paths = files.paths();
  const dpkg = paths.filter((p) => p === 'var/lib/dpkg/status' || p.startsWith('var/lib/dpkg/status.d/'));
  for (const path of dpkg) {
    // status.d also holds *.md5sums files; only control paragraphs describe packages
    if (path.endsWith('.md5sums')) continue;
    const packages = readDpkgStatus(`/${path}`, files.get(path)!, os).map((p) => ({
      ...p,
      license: p.license ?? files.debianLicense(p.name),
    }));
    single(`/${path}`, 'dpkg', packages);
  }
  const apk = files.get('lib/apk/db/installed');
  if (apk !== undefined)
    single('/lib/apk/db/installed', 'apk', readApkInstalled('/lib/apk/db/installed', apk, os));
  const problems: string[] = [];
  const nodeFiles = new Map(paths.filter((p) => NODE_MODULE_MANIFEST.test(p)).map((p) => [p, files.get(p)!]));
  if (nodeFiles.size) {
    const node = readNodeModules(nodeFiles);
    problems.push(...node.problems);
    single(
      'node_modules',
      'node_modules',
      node.packages.map((p) => ({ ...p, foundIn: `/${p.foundIn}` })),
    );
  }
  const distFiles = new Map(paths.filter((p) => DIST_INFO_METADATA.test(p)).map((p) => [p, files.get(p)!]));
  if (distFiles.size) {
    const python = readDistInfo(distFiles);
    problems.push(...python.problems);
    single(
      'site-packages',
      'python dist-info',
      python.packages.map((p) => ({ ...p, foundIn: `/${p.foundIn}` })),
    );
  }
  for (const path of paths) {
    if (path.includes('node_modules/')) continue;
    const reader = readerFor(basename(path));
    if (!reader) continue;
    const dir = dirname(path);
    results.push(
      reader({
        file: `/${path}`,
        text: files.get(path)!,
        readSibling: (name) => files.get(dir === '.' ? name : `${dir}/${name}`),
      }),
    );
  }
  if (problems.length) throw new LockfileError(problems[0].split(':')[0], undefined, problems.join('; '));
  return combine(results, []);
}

export interface ImageScan extends ScanResult {
  digest: string;
  referenceDigest: string;
  layers: number;
}

export async function scanImage(
  client: RegistryClient,
  ref: ImageReference,
  platform: Platform,
): Promise<ImageScan> {
  const choice = await resolveImageManifest(client, ref, platform);
  const files = new LayeredFiles();
  for (const [i, layer] of choice.manifest.layers.entries()) {
    files.layer = i;
    await readLayer(await client.getBlob(ref.repository, layer.digest), layer.mediaType, files);
  }
  return {
    ...packagesFromFiles(files),
    digest: choice.digest,
    referenceDigest: choice.referenceDigest,
    layers: choice.manifest.layers.length,
  };
}
