// The job summary: components by ecosystem, top licenses, unlicensed components, files written.
import { codeBlock, details, table } from '../../../lib/summary.js';
import { byCodeUnit } from '../../../lib/compare.js';
import type { ScanResult } from './model.js';

export function sbomSummary(options: {
  title: string;
  scan: ScanResult;
  files: string[];
  notes?: string[];
}): string {
  const { scan } = options;
  const byEcosystem = new Map<string, { total: number; optional: number }>();
  const licenses = new Map<string, number>();
  const unlicensed: string[] = [];
  for (const pkg of scan.packages) {
    const counts = byEcosystem.get(pkg.ecosystem) ?? { total: 0, optional: 0 };
    counts.total++;
    if (pkg.scope === 'optional') counts.optional++;
    byEcosystem.set(pkg.ecosystem, counts);
    if (pkg.license) licenses.set(pkg.license, (licenses.get(pkg.license) ?? 0) + 1);
    else unlicensed.push(`${pkg.name}@${pkg.version}`);
  }
  const parts = [`### ${options.title}`, `**${scan.packages.length}** components`];
  parts.push(
    table(
      ['Ecosystem', 'Components', 'Dev/test only'],
      [...byEcosystem]
        .sort((a, b) => b[1].total - a[1].total)
        .map(([e, c]) => [e, String(c.total), String(c.optional)]),
    ),
  );
  const top = [...licenses].sort((a, b) => b[1] - a[1] || byCodeUnit(a[0], b[0])).slice(0, 10);
  if (top.length)
    parts.push(
      '**Top licenses**',
      table(
        ['License', 'Components'],
        top.map(([l, n]) => [l, String(n)]),
      ),
    );
  if (unlicensed.length)
    parts.push(
      details(`${unlicensed.length} components state no license`, codeBlock(unlicensed.sort().join('\n'))),
    );
  if (scan.sources.length)
    parts.push(
      details(
        `Read from ${scan.sources.length} file(s)`,
        table(
          ['File', 'Kind', 'Packages'],
          scan.sources.map((s) => [s.file, s.kind, String(s.count)]),
        ),
      ),
    );
  if (scan.unsupported.length)
    parts.push(`**Unsupported lockfiles (not read):** ${scan.unsupported.map((f) => `\`${f}\``).join(', ')}`);
  if (scan.unpinned.length)
    parts.push(
      details(
        `${scan.unpinned.length} unpinned requirement(s), not in the SBOM`,
        table(
          ['File', 'Line', 'Requirement'],
          scan.unpinned.map((u) => [u.file, String(u.line || ''), u.text]),
        ),
      ),
    );
  parts.push(`**SBOM files:** ${options.files.map((f) => `\`${f.split('/').pop()}\``).join(', ')}`);
  for (const note of options.notes ?? []) parts.push(note);
  return parts.join('\n\n') + '\n';
}
