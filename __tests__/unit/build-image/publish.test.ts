// buildAndPush on the docker path: buildx has pushed the image by digest before tags are checked,
// so an immutable-tag conflict must say that no tag changed, not that nothing was pushed.
import { describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ImmutableTagError,
  immutableMatcher,
  DEFAULT_IMMUTABLE,
} from '../../../actions/build-image/src/immutable.js';
import { buildAndPush, type Registries } from '../../../actions/build-image/src/publish.js';
import type { Exec } from '../../../lib/exec.js';
import type { RegistryClient } from '../../../lib/oci/client.js';
import { parseReference } from '../../../lib/oci/reference.js';

const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'buildx-metadata.json');
const OTHER = `sha256:${'0'.repeat(64)}`;

describe('buildAndPush with docker buildx', () => {
  it('refuses a moved release tag, says the image went up untagged, and changes no tag', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'publish-'));
    const docker: Exec = async (_command, args) => {
      const metadata = args.indexOf('--metadata-file');
      if (metadata > 0) copyFileSync(fixture, args[metadata + 1]);
      return { code: 0, stdout: '', stderr: '' };
    };
    const puts: string[] = [];
    const client = {
      registry: 'ghcr.io',
      tagDigest: async (_repository: string, tag: string) => (tag === 'v1.2.3' ? OTHER : undefined),
      putManifest: async (_repository: string, reference: string) => void puts.push(reference),
    } as unknown as RegistryClient;
    const registries: Registries = { client: () => client };
    try {
      const publishing = buildAndPush({
        builder: 'docker',
        spec: {
          context: workDir,
          file: join(workDir, 'Dockerfile'),
          image: parseReference('ghcr.io/acme/shop'),
          tags: ['latest', 'v1.2.3'],
          labels: {},
          buildArgs: [],
          platforms: [],
          cache: 'none',
          push: true,
          workDir,
        },
        isImmutable: immutableMatcher(DEFAULT_IMMUTABLE),
        registries,
        exec: docker,
        log: { info: () => undefined },
        buildahStorage: workDir,
      });
      await expect(publishing).rejects.toThrow(ImmutableTagError);
      await expect(publishing).rejects.toThrow(
        /'v1\.2\.3' \(already sha256:0+\).* No tag was changed \(docker buildx had already pushed the new image by digest, untagged\)\.$/,
      );
      expect(puts).toEqual([]);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
