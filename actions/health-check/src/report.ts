// What the action tells people: the `report` output, the job summary and the error lines.
import { formatDuration } from '../../../lib/duration.js';
import { codeBlock, details, escapeHtml, inlineCode, table } from '../../../lib/summary.js';
import type { HealthCheckConfig } from './config.js';
import { describeDependency } from './readiness.js';
import type { CheckOutcome, UrlResult } from './wait.js';

export function reportJson(outcome: CheckOutcome): string {
  return JSON.stringify({
    healthy: outcome.healthy,
    attempts: outcome.attempts,
    durationMs: outcome.durationMs,
    urls: outcome.results.map((r) => ({
      url: r.url,
      healthy: r.healthy,
      attempts: r.attempts,
      lastStatus: r.lastStatus ?? null,
      timeToHealthyMs: r.timeToHealthyMs ?? null,
      latencyMs: r.latencyMs ?? null,
      failure: r.failure ?? null,
      down: r.down ?? [],
      ...(r.redirectedTo ? { redirectedTo: r.redirectedTo } : {}),
    })),
  });
}

/** The one line saying why a URL is not healthy (its reason names DOWN dependencies). */
export function failureMessage(result: UrlResult): string {
  const tries = `${result.attempts} attempt${result.attempts === 1 ? '' : 's'} in ${formatDuration(result.elapsedMs)}`;
  return `${result.url} is not healthy after ${tries}: ${result.failure}`;
}

export function successMessage(result: UrlResult): string {
  const latency = result.latencyMs ? `, latency median ${formatDuration(result.latencyMs.median)}` : '';
  const where = result.redirectedTo ? ` (served by ${result.redirectedTo})` : '';
  return `${result.url}${where} is healthy: HTTP ${result.lastStatus} after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'} in ${formatDuration(result.timeToHealthyMs ?? 0)}${latency}`;
}

function latencyCell(r: UrlResult): string {
  if (!r.latencyMs) return '-';
  const { min, median, max } = r.latencyMs;
  return `${Math.round(min)} / ${Math.round(median)} / ${Math.round(max)} ms`;
}

function row(r: UrlResult): string[] {
  return [
    r.url,
    r.healthy ? '✅ healthy' : r.fatal ? '⛔ failed' : '❌ unhealthy',
    String(r.attempts),
    r.timeToHealthyMs === undefined ? '-' : formatDuration(r.timeToHealthyMs),
    latencyCell(r),
    r.lastStatus === undefined ? '-' : String(r.lastStatus),
  ];
}

function settingsLine(config: HealthCheckConfig): string {
  const checks = [
    `expected status ${config.expectedStatus.text}`,
    ...config.bodyContains.map((t) => `body contains ${inlineCode(t)}`),
    ...config.json.map((a) => `${inlineCode(a.source)} = ${inlineCode(a.expected)}`),
  ];
  const every =
    config.maxIntervalMs > config.intervalMs
      ? `every ${formatDuration(config.intervalMs)} growing to ${formatDuration(config.maxIntervalMs)}`
      : `every ${formatDuration(config.intervalMs)}`;
  const consecutive =
    config.consecutiveSuccesses > 1 ? `, ${config.consecutiveSuccesses} passes in a row` : '';
  return `${config.method}, ${checks.join(', ')}; ${every}, timeout ${formatDuration(config.timeoutMs)}${consecutive}.`;
}

function failureSection(r: UrlResult): string {
  // Reasons quote the server and the inputs; as Markdown, `<h1>` in them would render.
  const lines = [`**${r.url}**: ${escapeHtml(r.failure ?? '')}`];
  if (r.down?.length) {
    lines.push('', 'Dependencies reported DOWN:', '');
    lines.push(...r.down.map((d) => `- ${escapeHtml(describeDependency(d, 400))}`));
  }
  if (r.bodyExcerpt) lines.push('', details('Last response body (excerpt)', codeBlock(r.bodyExcerpt)));
  return lines.join('\n');
}

export function summaryMarkdown(config: HealthCheckConfig, outcome: CheckOutcome): string {
  const verdict = outcome.healthy ? '✅ healthy' : '❌ not healthy';
  const head = `### Health check: ${verdict} (${formatDuration(outcome.durationMs)}, ${outcome.attempts} requests)`;
  const parts = [
    head,
    '',
    table(
      ['URL', 'result', 'attempts', 'time to healthy', 'latency min / median / max', 'last status'],
      outcome.results.map(row),
    ),
    '',
    settingsLine(config),
  ];
  const failed = outcome.results.filter((r) => !r.healthy);
  if (failed.length) parts.push('', '#### Why', '', ...failed.map(failureSection).join('\n\n').split('\n'));
  return parts.join('\n') + '\n';
}
