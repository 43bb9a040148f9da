// OCI image layouts on disk (index.json + blobs/<alg>/<hex>), as `buildah push oci:<dir>` writes
// them: read a manifest out of one, or upload one to a registry by digest.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import type { RegistryClient } from './client.js';
import { verifyDigest } from './digest.js';
import { isIndexType, type Descriptor, type ImageManifestJson, type IndexJson } from './media-types.js';

export function layoutBlobPath(dir: string, digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return join(dir, 'blobs', algorithm, hex);
}

export function readLayoutBlob(dir: string, digest: string): Buffer {
  const path = layoutBlobPath(dir, digest);
  if (!existsSync(path)) throw new Error(`OCI layout ${dir} has no blob ${digest}`);
  const bytes = readFileSync(path);
  verifyDigest(bytes, digest, `blob ${digest} in ${dir}`);
  return bytes;
}

export interface LayoutManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
  json: ImageManifestJson | IndexJson;
}

export function readLayoutManifest(dir: string, digest: string): LayoutManifest {
  const bytes = readLayoutBlob(dir, digest);
  const json = JSON.parse(bytes.toString('utf8')) as ImageManifestJson | IndexJson;
  const listed = (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as IndexJson).manifests.find(
    (m) => m.digest === digest,
  );
  const mediaType = json.mediaType ?? listed?.mediaType ?? '';
  return { digest, mediaType, bytes, json };
}

/** Sum of the blob sizes a manifest refers to (config and layers; for an index, its children's). */
export function imageSizeFromLayout(dir: string, digest: string): number {
  const manifest = readLayoutManifest(dir, digest);
  if (isIndexType(manifest.mediaType))
    return (manifest.json as IndexJson).manifests.reduce(
      (sum, m) => sum + imageSizeFromLayout(dir, m.digest),
      0,
    );
  const image = manifest.json as ImageManifestJson;
  return [image.config, ...image.layers].reduce((sum, d) => sum + d.size, 0);
}

export interface LayoutUpload {
  blobsUploaded: number;
  blobsPresent: number;
  bytesUploaded: number;
}

/** Uploads the manifest `digest` of a layout, with its blobs, to `repository` by digest (no tag). */
export async function pushLayout(
  client: RegistryClient,
  repository: string,
  dir: string,
  digest: string,
  upload: LayoutUpload = { blobsUploaded: 0, blobsPresent: 0, bytesUploaded: 0 },
): Promise<LayoutUpload> {
  const manifest = readLayoutManifest(dir, digest);
  const children: Descriptor[] = isIndexType(manifest.mediaType)
    ? (manifest.json as IndexJson).manifests
    : [];
  for (const child of children) await pushLayout(client, repository, dir, child.digest, upload);
  if (!children.length) {
    const image = manifest.json as ImageManifestJson;
    for (const blob of [image.config, ...image.layers]) {
      const path = layoutBlobPath(dir, blob.digest);
      if (!existsSync(path)) throw new Error(`OCI layout ${dir} has no blob ${blob.digest}`);
      const open = () => Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
      if (await client.uploadBlobStream(repository, blob.digest, blob.size, open)) {
        upload.blobsUploaded++;
        upload.bytesUploaded += blob.size;
      } else upload.blobsPresent++;
    }
  }
  const stored = await client.putManifest(repository, digest, manifest.bytes, manifest.mediaType);
  if (stored !== digest) throw new Error(`the registry stored ${digest} as ${stored}`);
  return upload;
}

/** Sum of the blob sizes of a manifest in a registry. */
export async function imageSize(client: RegistryClient, repository: string, digest: string): Promise<number> {
  const manifest = await client.getManifest(repository, digest);
  if (isIndexType(manifest.mediaType)) {
    let sum = 0;
    for (const child of (manifest.json as IndexJson).manifests)
      sum += await imageSize(client, repository, child.digest);
    return sum;
  }
  const image = manifest.json as ImageManifestJson;
  return [image.config, ...image.layers].reduce((total, d) => total + d.size, 0);
}
