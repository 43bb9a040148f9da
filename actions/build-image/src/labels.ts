// OCI labels (image config) and annotations (manifest) describing where an image came from.
import { repositoryUrl, type GitHubContext } from '../../../lib/github-context.js';

export function ociLabels(
  context: GitHubContext,
  options: { version: string; created: Date; title?: string; extra?: [string, string][] },
): Record<string, string> {
  const url = repositoryUrl(context);
  const labels: Record<string, string> = {
    'org.opencontainers.image.title': options.title ?? context.repository.split('/').pop() ?? '',
    'org.opencontainers.image.description': context.repositoryInfo.description ?? '',
    'org.opencontainers.image.source': url,
    'org.opencontainers.image.url': url,
    'org.opencontainers.image.revision': context.commitSha,
    'org.opencontainers.image.version': options.version,
    'org.opencontainers.image.created': options.created.toISOString(),
    'org.opencontainers.image.licenses': context.repositoryInfo.license ?? '',
  };
  for (const [key, value] of options.extra ?? []) labels[key] = value;
  return Object.fromEntries(Object.entries(labels).filter(([, value]) => value !== ''));
}

export function labelLines(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}
