// Reading what an image says about itself: the labels in its config.
import type { RegistryClient } from './client.js';
import { isIndexType, type ImageManifestJson, type IndexJson } from './media-types.js';

interface ImageConfigJson {
  config?: { Labels?: Record<string, string> | null };
}

/** The config labels of an image; for an index, those of its first image (platforms share them). */
export async function imageLabels(
  client: RegistryClient,
  repository: string,
  digest: string,
): Promise<Record<string, string>> {
  const manifest = await client.getManifest(repository, digest);
  if (isIndexType(manifest.mediaType)) {
    const first = (manifest.json as IndexJson).manifests.find((m) => !isIndexType(m.mediaType));
    return first ? imageLabels(client, repository, first.digest) : {};
  }
  const config = (manifest.json as ImageManifestJson).config;
  const json = JSON.parse(
    (await client.readBlob(repository, config.digest)).toString('utf8'),
  ) as ImageConfigJson;
  return json.config?.Labels ?? {};
}
