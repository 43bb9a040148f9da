// The shared OCI client against Debian's real docker-registry on 127.0.0.1 (plain, basic, bearer).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AuthError,
  DigestMismatchError,
  OCI_INDEX,
  OCI_MANIFEST,
  RegistryClient,
  copyImage,
  digestOf,
  parseReference,
  type IndexJson,
} from '../../lib/oci/index.js';
import { startRegistry, type LocalRegistry } from '../../local/registry.js';
import { pushTestImage } from '../../local/test-image.js';

const user = { username: 'ci-bot', password: 's3cret-pass' };
let plain: LocalRegistry;
let bearer: LocalRegistry;
let basic: LocalRegistry;

beforeAll(async () => {
  [plain, bearer, basic] = await Promise.all([
    startRegistry(),
    startRegistry({ auth: { kind: 'bearer', ...user } }),
    startRegistry({ auth: { kind: 'basic', ...user } }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain, bearer, basic].map((r) => r?.stop()));
});

/** Pushes a one-layer OCI image through the API itself; returns its manifest digest. */
async function pushImage(client: RegistryClient, repository: string, content: string, tag?: string) {
  const layer = Buffer.from(`layer ${content}`);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', content }));
  await client.uploadBlob(repository, layer);
  await client.uploadBlob(repository, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: digestOf(config),
        size: config.length,
      },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: digestOf(layer), size: layer.length },
      ],
    }),
  );
  return client.putManifest(repository, tag ?? digestOf(manifest), manifest, OCI_MANIFEST);
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('RegistryClient, anonymous registry', () => {
  it('puts, heads and gets manifests and blobs, verified by digest', async () => {
    const client = new RegistryClient({ registry: plain.host });
    expect(await client.tagDigest('team/app', 'v1')).toBeUndefined();
    const digest = await pushImage(client, 'team/app', 'one', 'v1');
    expect(await client.tagDigest('team/app', 'v1')).toBe(digest);
    const head = await client.headManifest('team/app', digest);
    expect(head).toMatchObject({ digest, mediaType: OCI_MANIFEST });
    const manifest = await client.getManifest('team/app', 'v1');
    expect(manifest.digest).toBe(digest);
    const layer = (manifest.json as { layers: { digest: string; size: number }[] }).layers[0];
    expect(await client.headBlob('team/app', layer.digest)).toEqual({ size: layer.size });
    expect(await text(await client.getBlob('team/app', layer.digest))).toBe('layer one');
    expect(await client.listTags('team/app')).toEqual(['v1']);
  });

  it('streams blob uploads, and the registry rejects content that does not match the digest', async () => {
    const client = new RegistryClient({ registry: plain.host });
    const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
    const digest = digestOf(bytes);
    let opened = 0;
    const open = () => {
      opened++;
      return new Response(bytes).body!;
    };
    expect(await client.uploadBlobStream('stream/app', digest, bytes.length, open)).toBe(true);
    expect(await client.headBlob('stream/app', digest)).toEqual({ size: bytes.length });
    expect(await client.uploadBlobStream('stream/app', digest, bytes.length, open)).toBe(false);
    expect(opened).toBe(1);
    const wrong = digestOf(Buffer.from('something else'));
    await expect(client.uploadBlobStream('stream/app', wrong, bytes.length, open)).rejects.toThrow(
      /DIGEST_INVALID/,
    );
    expect(opened).toBe(2);
  });

  it('mounts blobs across repositories and copies an image without changing its digest', async () => {
    const client = new RegistryClient({ registry: plain.host });
    const digest = await pushImage(client, 'stage/app', 'mounted', 'staging-latest');
    const result = await copyImage(
      { client, repository: 'stage/app' },
      digest,
      { client, repository: 'prod/app' },
      ['latest', 'prod-abc1234'],
    );
    expect(result).toMatchObject({ digest, blobsMounted: 2, blobsCopied: 0, manifestsPut: 2 });
    expect(await client.tagDigest('prod/app', 'latest')).toBe(digest);
    expect(await client.tagDigest('prod/app', 'prod-abc1234')).toBe(digest);
    expect(await client.mountBlob('other/app', digestOf(Buffer.from('never uploaded')), 'stage/app')).toBe(
      false,
    );
  });

  it('copies an index together with its child manifests', async () => {
    const client = new RegistryClient({ registry: plain.host });
    const amd = await pushImage(client, 'multi/src', 'amd64');
    const arm = await pushImage(client, 'multi/src', 'arm64');
    const index: IndexJson = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        { mediaType: OCI_MANIFEST, digest: amd, size: 0, platform: { architecture: 'amd64', os: 'linux' } },
        { mediaType: OCI_MANIFEST, digest: arm, size: 0, platform: { architecture: 'arm64', os: 'linux' } },
      ],
    };
    for (const m of index.manifests) m.size = (await client.getManifest('multi/src', m.digest)).bytes.length;
    const bytes = Buffer.from(JSON.stringify(index));
    const digest = await client.putManifest('multi/src', 'v2.0.0', bytes, OCI_INDEX);
    const result = await copyImage(
      { client, repository: 'multi/src' },
      digest,
      { client, repository: 'multi/dst' },
      ['v2.0.0'],
    );
    expect(result).toMatchObject({ mediaType: OCI_INDEX, blobsMounted: 4, manifestsPut: 3 });
    expect(await client.tagDigest('multi/dst', 'v2.0.0')).toBe(digest);
    expect((await client.getManifest('multi/dst', arm)).digest).toBe(arm);
  });
});

describe('RegistryClient, bearer token challenge', () => {
  it('gets a token per scope through the challenge and reuses it', async () => {
    const client = new RegistryClient({ registry: bearer.host, credentials: user });
    const digest = await pushImage(client, 'owner/app', 'bearer', 'staging-latest');
    const fetchedAfterPush = client.tokensFetched;
    for (let i = 0; i < 3; i++) expect(await client.tagDigest('owner/app', 'staging-latest')).toBe(digest);
    expect(client.tokensFetched).toBe(fetchedAfterPush);
    const asked = (scopes: string[]) =>
      bearer.tokenRequests.filter((r) => JSON.stringify(r) === JSON.stringify(scopes)).length;
    expect(asked(['repository:owner/app:pull,push'])).toBe(1);
    expect(asked(['repository:owner/app:pull'])).toBe(1);
    await copyImage({ client, repository: 'owner/app' }, digest, { client, repository: 'owner/prod' }, [
      'latest',
    ]);
    expect(bearer.tokenRequests).toContainEqual([
      'repository:owner/app:pull',
      'repository:owner/prod:pull,push',
    ]);
    expect(await client.tagDigest('owner/prod', 'latest')).toBe(digest);
  });

  it('reports refused credentials as an AuthError', async () => {
    const client = new RegistryClient({ registry: bearer.host, credentials: { ...user, password: 'wrong' } });
    await expect(client.tagDigest('owner/app', 'x')).rejects.toThrow(AuthError);
    const anonymous = new RegistryClient({ registry: bearer.host });
    await expect(anonymous.tagDigest('owner/app', 'x')).rejects.toThrow(/refused anonymous access/);
  });

  it('accepts images pushed by buildah through the same token flow', async () => {
    const pushed = await pushTestImage({
      registryHost: bearer.host,
      repository: 'owner/built',
      tag: 'v0.1.0',
      credentials: user,
    });
    const client = new RegistryClient({ registry: bearer.host, credentials: user });
    expect(await client.tagDigest('owner/built', 'v0.1.0')).toBe(pushed.digest);
    expect(parseReference(pushed.reference).tag).toBe('v0.1.0');
  });
});

describe('RegistryClient, basic authentication', () => {
  it('works with a username and password and explains when they are missing', async () => {
    const client = new RegistryClient({ registry: basic.host, credentials: user });
    const digest = await pushImage(client, 'team/app', 'basic', 'v1');
    expect(await client.tagDigest('team/app', 'v1')).toBe(digest);
    await expect(new RegistryClient({ registry: basic.host }).tagDigest('team/app', 'v1')).rejects.toThrow(
      /requires a username and password/,
    );
  });

  it('copies between registries by streaming blobs', async () => {
    const source = new RegistryClient({ registry: plain.host });
    const target = new RegistryClient({ registry: basic.host, credentials: user });
    const digest = await pushImage(source, 'cross/app', 'cross', 'v1');
    const result = await copyImage(
      { client: source, repository: 'cross/app' },
      digest,
      {
        client: target,
        repository: 'cross/app',
      },
      ['v1'],
    );
    expect(result.blobsCopied).toBe(2);
    expect(await target.tagDigest('cross/app', 'v1')).toBe(digest);
  });
});

describe('digest verification', () => {
  let liar: Server;
  let host: string;
  const real = Buffer.from('{"schemaVersion":2}');
  beforeAll(async () => {
    liar = createServer((req, res) => {
      if (req.url === '/v2/') return void res.writeHead(200).end('{}');
      if (req.url?.includes('/manifests/'))
        return void res
          .writeHead(200, {
            'content-type': OCI_MANIFEST,
            'docker-content-digest': digestOf(Buffer.from('other')),
          })
          .end(real);
      res.writeHead(200).end('tampered bytes');
    });
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', () => r()));
    host = `127.0.0.1:${(liar.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => liar.close(() => r())));

  it('rejects a manifest whose bytes do not match the digest', async () => {
    const client = new RegistryClient({ registry: host });
    await expect(client.getManifest('a/b', 'v1')).rejects.toThrow(DigestMismatchError);
    await expect(client.getManifest('a/b', digestOf(Buffer.from('x')))).rejects.toThrow(DigestMismatchError);
  });

  it('errors a blob stream whose content does not match', async () => {
    const client = new RegistryClient({ registry: host });
    await expect(text(await client.getBlob('a/b', digestOf(Buffer.from('original'))))).rejects.toThrow(
      DigestMismatchError,
    );
  });
});
