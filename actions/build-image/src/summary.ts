// The job summary: what was built or promoted, where it went, and what each tag did.
import { codeBlock, details, table } from '../../../lib/summary.js';
import type { Published } from './publish.js';

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'unknown';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
}

const STATE_TEXT = {
  new: 'new',
  moved: 'moved here',
  unchanged: 'unchanged (already this digest)',
  local: 'local only (not pushed)',
};

export function summaryMarkdown(options: {
  image: string;
  published: Published;
  builder: string;
  promotedFrom?: string;
  totalMs: number;
  commands: string[];
}): string {
  const { published } = options;
  const rows = [
    ['Digest', `\`${published.digest}\``],
    ['Size', formatBytes(published.sizeBytes)],
    ['Builder', options.promotedFrom ? `none (promoted from \`${options.promotedFrom}\`)` : options.builder],
    [
      options.promotedFrom ? 'Promotion time' : 'Build time',
      `${((published.buildMs ?? options.totalMs) / 1000).toFixed(1)} s`,
    ],
  ];
  const tagRows = published.tags.map((t) => [
    `\`${t.tag}\``,
    STATE_TEXT[t.state],
    t.immutable ? 'yes' : 'no',
  ]);
  const parts = [
    `### ${options.promotedFrom ? 'Promoted' : published.pushed ? 'Built and pushed' : 'Built'} ${options.image || 'image'}`,
    table(['Image', `\`${options.image || '(none)'}\``], rows),
    tagRows.length ? table(['Tag', 'Change', 'Immutable'], tagRows) : '_No tags._',
  ];
  if (options.commands.length) parts.push(details('Commands', codeBlock(options.commands.join('\n'), 'sh')));
  return parts.join('\n\n') + '\n';
}
