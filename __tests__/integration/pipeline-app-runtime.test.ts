// The emulator's service runner of the pipeline, against a real registry with bearer tokens:
// it runs what the deployed image declares, and refuses an image the registry does not have.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Component } from '../../local/do-emulator/index.js';
import { sampleAppRuntime, type ServiceStart } from '../../local/pipeline/app-runtime.js';
import { startRegistry, type LocalRegistry } from '../../local/registry.js';
import { pushTestImage } from '../../local/test-image.js';

const credentials = { username: 'acme', password: 'registry-secret' };
let registry: LocalRegistry;
let digest: string;

beforeAll(async () => {
  registry = await startRegistry({ auth: { kind: 'bearer', ...credentials } });
  ({ digest } = await pushTestImage({
    registryHost: registry.host,
    repository: 'acme/shop',
    tag: 'v1',
    credentials,
  }));
}, 60_000);

afterAll(() => registry?.stop());

function web(image: Component['spec']['image']): Component {
  return { name: 'web', kind: 'service', spec: { name: 'web', image } };
}

const context = (env: Record<string, string>) => ({ env, port: 8080, appId: 'app-1', deploymentId: 'dep-1' });

describe('sampleAppRuntime', () => {
  it('pulls the GHCR image from the mirror and starts the app with the spec env over the image env', async () => {
    const starts: ServiceStart[] = [];
    const run = sampleAppRuntime({ host: registry.host, credentials }, starts);
    const service = await run(
      web({ registry_type: 'GHCR', registry: 'acme', repository: 'shop', digest }),
      context({ PORT: '8080', APP_VERSION: '2.0.0', GIT_SHA: 'abc' }),
    );
    try {
      const body = (await (await fetch(`${service.url}/version`)).json()) as Record<string, string>;
      expect(body).toEqual({ version: '2.0.0', sha: 'abc' });
      expect(starts).toEqual([
        expect.objectContaining({
          deploymentId: 'dep-1',
          image: `ghcr.io/acme/shop@${digest}`,
          pulledFrom: `${registry.host}/acme/shop@${digest}`,
          url: service.url,
        }),
      ]);
      expect(starts[0].env).not.toHaveProperty('PORT');
    } finally {
      await service.stop();
    }
  });

  it('refuses to start an image the registry does not have', async () => {
    const run = sampleAppRuntime({ host: registry.host, credentials });
    const missing = `sha256:${'0'.repeat(64)}`;
    await expect(
      run(web({ registry_type: 'GHCR', registry: 'acme', repository: 'shop', digest: missing }), context({})),
    ).rejects.toThrow(
      `cannot pull ghcr.io/acme/shop@${missing} (from ${registry.host}/acme/shop@${missing})`,
    );
  });

  it('refuses registries the mirror does not stand in for', async () => {
    const run = sampleAppRuntime({ host: registry.host, credentials });
    await expect(
      run(web({ registry_type: 'DOCR', repository: 'shop', tag: 'v1' }), context({})),
    ).rejects.toThrow(
      'registry.digitalocean.com/shop:v1: only GHCR images are mirrored by the local registry',
    );
  });
});
