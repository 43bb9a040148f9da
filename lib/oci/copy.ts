// Copies an image by digest to new tags without rebuilding: the manifest (and, for an index,
// every child manifest) is re-put byte for byte, so the digest stays the same; blobs are
// mounted across repositories, or streamed when the registries differ.
import type { RegistryClient } from './client.js';
import { isIndexType, type Descriptor, type ImageManifestJson, type IndexJson } from './media-types.js';

export interface ImageLocation {
  client: RegistryClient;
  repository: string;
}

export interface CopyResult {
  digest: string;
  mediaType: string;
  /** Manifests put (children of an index and the root, once per tag). */
  manifestsPut: number;
  blobsMounted: number;
  blobsCopied: number;
  blobsPresent: number;
}

function sameRepository(a: ImageLocation, b: ImageLocation): boolean {
  return a.client.registry === b.client.registry && a.repository === b.repository;
}

async function ensureBlob(
  source: ImageLocation,
  target: ImageLocation,
  blob: Descriptor,
  result: CopyResult,
) {
  if (await target.client.headBlob(target.repository, blob.digest)) {
    result.blobsPresent++;
    return;
  }
  if (
    source.client.registry === target.client.registry &&
    (await target.client.mountBlob(target.repository, blob.digest, source.repository))
  ) {
    result.blobsMounted++;
    return;
  }
  await target.client.uploadBlobStream(target.repository, blob.digest, blob.size, () =>
    source.client.getBlob(source.repository, blob.digest, blob.size),
  );
  result.blobsCopied++;
}

async function copyTree(
  source: ImageLocation,
  target: ImageLocation,
  digest: string,
  result: CopyResult,
  depth: number,
): Promise<{ bytes: Buffer; mediaType: string }> {
  if (depth > 4) throw new Error(`image index nesting deeper than 4 levels at ${digest}`);
  const manifest = await source.client.getManifest(source.repository, digest);
  if (!sameRepository(source, target)) {
    if (isIndexType(manifest.mediaType)) {
      for (const child of (manifest.json as IndexJson).manifests) {
        if (await target.client.headManifest(target.repository, child.digest)) continue;
        const copied = await copyTree(source, target, child.digest, result, depth + 1);
        await target.client.putManifest(target.repository, child.digest, copied.bytes, copied.mediaType);
        result.manifestsPut++;
      }
    } else {
      const image = manifest.json as ImageManifestJson;
      for (const blob of [image.config, ...(image.layers ?? [])])
        await ensureBlob(source, target, blob, result);
    }
  }
  return { bytes: manifest.bytes, mediaType: manifest.mediaType };
}

/** Puts the manifest `digest` of `source` under each of `tags` in `target`; nothing is rebuilt. */
export async function copyImage(
  source: ImageLocation,
  digest: string,
  target: ImageLocation,
  tags: string[],
): Promise<CopyResult> {
  const result: CopyResult = {
    digest,
    mediaType: '',
    manifestsPut: 0,
    blobsMounted: 0,
    blobsCopied: 0,
    blobsPresent: 0,
  };
  const root = await copyTree(source, target, digest, result, 0);
  result.mediaType = root.mediaType;
  for (const tag of tags) {
    const put = await target.client.putManifest(target.repository, tag, root.bytes, root.mediaType);
    if (put !== digest) throw new Error(`tag ${tag} was stored as ${put}, not ${digest}`);
    result.manifestsPut++;
  }
  if (!tags.length && !sameRepository(source, target)) {
    await target.client.putManifest(target.repository, digest, root.bytes, root.mediaType);
    result.manifestsPut++;
  }
  return result;
}
