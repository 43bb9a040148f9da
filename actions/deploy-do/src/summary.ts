// The job summary: what was deployed, how it went, and on failure why.
import { formatDuration } from '../../../lib/duration.js';
import { codeBlock, details, escapeCell, table } from '../../../lib/summary.js';
import type { DeployResult } from './deploy.js';

export function summaryMarkdown(result: DeployResult): string {
  const icon = result.ok ? '✅' : result.cancelled ? '⏹️' : '❌';
  const what = result.kind === 'rollback' ? 'Rollback' : 'Deployment';
  const phase = result.phase || 'not started';
  const parts = [`### ${icon} ${what} of ${result.appName ?? result.appId ?? 'the app'}: ${phase}`];
  const rows: string[][] = [];
  if (result.appId) rows.push(['App', `${result.appName ?? ''} \`${result.appId}\``]);
  if (result.deployment)
    rows.push([
      'Deployment',
      `\`${result.deployment.id}\`${result.deployment.cause ? ` (${result.deployment.cause})` : ''}`,
    ]);
  if (result.rollbackTarget) rows.push(['Rolled back to', `\`${result.rollbackTarget}\``]);
  if (result.previousDeploymentId) rows.push(['Previously live', `\`${result.previousDeploymentId}\``]);
  if (result.liveUrl) rows.push(['Live URL', result.liveUrl]);
  for (const change of result.imageChanges) rows.push(['Image', change]);
  if (result.logsFile) rows.push(['Logs file', `\`${result.logsFile}\``]);
  if (rows.length) parts.push(table(['', ''], rows));
  if (result.timeline.length) parts.push(timelineTable(result));
  if (result.failure) {
    parts.push(`**${escapeCell(result.failure.message)}**`);
    const steps = result.failure.steps;
    if (steps.length)
      parts.push(
        table(
          ['Failed step', 'Component', 'Reason'],
          steps.map((s) => [s.title, s.component ?? '', [s.code, s.reason].filter(Boolean).join(': ')]),
        ),
      );
    if (result.failure.logTail) parts.push(details('Last 100 log lines', codeBlock(result.failure.logTail)));
  }
  return parts.join('\n\n') + '\n';
}

function timelineTable(result: DeployResult): string {
  const start = result.timeline[0].at;
  const rows = result.timeline.map((entry, i) => {
    const next = result.timeline[i + 1];
    return [
      entry.phase,
      `+${formatDuration(entry.at - start)}`,
      next ? formatDuration(next.at - entry.at) : '',
    ];
  });
  return table(['Phase', 'Seen at', 'Lasted'], rows);
}
