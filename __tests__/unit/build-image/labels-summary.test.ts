import { describe, expect, it } from '@jest/globals';
import { labelLines, ociLabels } from '../../../actions/build-image/src/labels.js';
import { formatBytes, summaryMarkdown } from '../../../actions/build-image/src/summary.js';
import { SHA, contextFor } from './context.js';

describe('ociLabels', () => {
  it('describes the image from the repository and ref; extra labels override', () => {
    const labels = ociLabels(contextFor(), {
      version: 'v1.2.3',
      created: new Date('2026-01-02T03:04:05Z'),
      extra: [['org.opencontainers.image.title', 'Shop API']],
    });
    expect(labels).toEqual({
      'org.opencontainers.image.title': 'Shop API',
      'org.opencontainers.image.description': 'The shop',
      'org.opencontainers.image.source': 'https://github.com/acme/shop',
      'org.opencontainers.image.url': 'https://github.com/acme/shop',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.version': 'v1.2.3',
      'org.opencontainers.image.created': '2026-01-02T03:04:05.000Z',
      'org.opencontainers.image.licenses': 'MIT',
    });
    expect(labelLines({ a: '1', b: 'x=y' })).toBe('a=1\nb=x=y');
  });

  it('leaves out what the repository does not say', () => {
    const labels = ociLabels(contextFor({ repositoryInfo: {} }), { version: 'x', created: new Date(0) });
    expect(Object.keys(labels)).not.toContain('org.opencontainers.image.licenses');
    expect(Object.keys(labels)).not.toContain('org.opencontainers.image.description');
  });
});

describe('summaryMarkdown', () => {
  it('shows digest, size, builder and what happened to each tag', () => {
    const digest = `sha256:${'d'.repeat(64)}`;
    const markdown = summaryMarkdown({
      image: 'ghcr.io/acme/shop',
      builder: 'buildah',
      totalMs: 4000,
      commands: ['buildah bud .'],
      published: {
        digest,
        pushed: true,
        buildMs: 2500,
        sizeBytes: 5 * 1024 * 1024,
        tags: [
          { tag: 'latest', state: 'moved', immutable: false, previous: `sha256:${'e'.repeat(64)}` },
          { tag: 'v1.2.3', state: 'unchanged', immutable: true, previous: digest },
          { tag: 'prod-abc1234', state: 'new', immutable: true },
        ],
      },
    });
    expect(markdown).toContain('### Built and pushed ghcr.io/acme/shop');
    expect(markdown).toContain(`| Digest | \`${digest}\` |`);
    expect(markdown).toContain('| Size | 5.0 MB |');
    expect(markdown).toContain('| Build time | 2.5 s |');
    expect(markdown).toContain('| `latest` | moved here | no |');
    expect(markdown).toContain('| `v1.2.3` | unchanged (already this digest) | yes |');
    expect(markdown).toContain('| `prod-abc1234` | new | yes |');
    expect(markdown).toContain('buildah bud .');
    expect(formatBytes(undefined)).toBe('unknown');
    expect(formatBytes(512)).toBe('512 B');
  });
});
