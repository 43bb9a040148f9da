// How the emulated App Platform runs a service component in the pipeline: it "pulls" the
// component's image from the local registry standing in for ghcr.io (same repository path, same
// digest), takes the environment the image declares, lays the spec's run-time env over it as
// App Platform does, and starts the sample app as a local Node process with that environment.
// So what a deployment serves (version, commit) comes from the image it deployed.
import type { Component, RunService, RunningService } from '../do-emulator/index.js';
import {
  isIndexType,
  RegistryClient,
  type Credentials,
  type ImageManifestJson,
} from '../../lib/oci/index.js';
import type { IndexJson } from '../../lib/oci/media-types.js';
import { startSampleApp } from '../sample-app.js';

export interface ServiceStart {
  deploymentId: string;
  component: string;
  /** The image as the spec names it, e.g. ghcr.io/owner/app@sha256:... */
  image: string;
  /** Where it was read from, e.g. 127.0.0.1:40001/owner/app@sha256:... */
  pulledFrom: string;
  url: string;
  pid: number;
  env: Record<string, string>;
}

export interface RegistryMirror {
  /** host:port of the local registry that serves ghcr.io's repositories. */
  host: string;
  credentials?: Credentials;
}

type ImageSource = NonNullable<Component['spec']['image']>;

const REGISTRY_HOSTS: Record<string, string> = {
  GHCR: 'ghcr.io',
  DOCKER_HUB: 'docker.io',
  DOCR: 'registry.digitalocean.com',
};

/** The repository path an image source has in its registry (and so in the mirror). */
export function repositoryOf(image: ImageSource): string {
  return image.registry ? `${image.registry}/${image.repository}` : image.repository!;
}

export function describeImage(image: ImageSource): string {
  const host = REGISTRY_HOSTS[image.registry_type ?? ''] ?? image.registry_type ?? '?';
  const reference = image.digest ? `@${image.digest}` : `:${image.tag ?? 'latest'}`;
  return `${host}/${repositoryOf(image)}${reference}`;
}

/** `KEY=value` lines of an image config → a map. */
export function envFromConfig(lines: string[] | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of lines ?? []) {
    const at = line.indexOf('=');
    if (at > 0) env[line.slice(0, at)] = line.slice(at + 1);
  }
  return env;
}

async function imageEnv(client: RegistryClient, repository: string, reference: string) {
  let manifest = await client.getManifest(repository, reference);
  if (isIndexType(manifest.mediaType)) {
    const first = (manifest.json as IndexJson).manifests.find((m) => !isIndexType(m.mediaType));
    if (!first) throw new Error(`image index ${repository}@${manifest.digest} lists no image`);
    manifest = await client.getManifest(repository, first.digest);
  }
  const configDigest = (manifest.json as ImageManifestJson).config.digest;
  const config = JSON.parse((await client.readBlob(repository, configDigest)).toString('utf8')) as {
    config?: { Env?: string[] };
  };
  return envFromConfig(config.config?.Env);
}

// The sample app picks its own port and listens on loopback; the rest of the env is passed on.
const HOST_SETTINGS = ['PORT', 'HOST', 'PATH'];

export function sampleAppRuntime(mirror: RegistryMirror, starts: ServiceStart[] = []): RunService {
  const client = new RegistryClient({ registry: mirror.host, credentials: mirror.credentials });
  return async (component, context): Promise<RunningService> => {
    const image = component.spec.image;
    if (!image?.repository) throw new Error(`service ${component.name} has no image to run`);
    if (image.registry_type !== 'GHCR')
      throw new Error(`${describeImage(image)}: only GHCR images are mirrored by the local registry`);
    const repository = repositoryOf(image);
    const reference = image.digest ?? image.tag ?? 'latest';
    const pulledFrom = `${mirror.host}/${repository}${image.digest ? '@' : ':'}${reference}`;
    let fromImage: Record<string, string>;
    try {
      fromImage = await imageEnv(client, repository, reference);
    } catch (error) {
      throw new Error(
        `cannot pull ${describeImage(image)} (from ${pulledFrom}): ${(error as Error).message}`,
      );
    }
    const env = Object.fromEntries(
      Object.entries({ ...fromImage, ...context.env }).filter(([key]) => !HOST_SETTINGS.includes(key)),
    );
    const app = await startSampleApp({ env });
    starts.push({
      deploymentId: context.deploymentId,
      component: component.name,
      image: describeImage(image),
      pulledFrom,
      url: app.url,
      pid: app.pid,
      env,
    });
    return { url: app.url, stop: () => app.stop() };
  };
}
