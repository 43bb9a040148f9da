// Build and deploy logs: which to fetch for a failure, fetching them from historic_urls, and
// writing them to a file (never through environment variables: logs can be megabytes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppsClient, LogType } from './api.js';
import type { FailedStep } from './progress.js';

export interface LogRequest {
  type: LogType;
  component?: string;
}

export interface FetchedLog extends LogRequest {
  text: string;
  error?: string;
}

/** The logs that explain a failure: each failed component's BUILD or DEPLOY log. */
export function logsForFailure(steps: FailedStep[]): LogRequest[] {
  const requests = steps.map((s) => ({ type: s.logType, component: s.component }));
  const unique = requests.filter(
    (r, i) => requests.findIndex((o) => o.type === r.type && o.component === r.component) === i,
  );
  return unique.length ? unique : [{ type: 'BUILD' }, { type: 'DEPLOY' }];
}

export async function fetchLogs(
  client: AppsClient,
  appId: string,
  deploymentId: string,
  requests: LogRequest[],
  signal?: AbortSignal,
): Promise<FetchedLog[]> {
  const logs: FetchedLog[] = [];
  for (const request of requests) {
    try {
      const urls = await client.logUrls(appId, deploymentId, request.type, request.component, signal);
      const parts: string[] = [];
      for (const url of urls) parts.push(await client.download(url, signal));
      logs.push({ ...request, text: parts.join('') });
    } catch (error) {
      logs.push({ ...request, text: '', error: (error as Error).message });
    }
  }
  return logs;
}

export function logHeading(log: LogRequest): string {
  return `${log.type} log${log.component ? ` of ${log.component}` : ''}`;
}

export function lastLines(text: string, count: number): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  return lines.slice(-count).join('\n');
}

/** Replaces every secret value with ***. */
export function redact(text: string, secrets: string[]): string {
  return secrets
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length)
    .reduce((t, s) => t.split(s).join('***'), text);
}

export function writeLogsFile(
  dir: string,
  deploymentId: string,
  logs: FetchedLog[],
  secrets: string[],
): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `deploy-do-${deploymentId.replace(/[^A-Za-z0-9_-]/g, '_')}.log`);
  const body = logs
    .map((log) => `==> ${logHeading(log)} <==\n${log.error ? `(could not fetch: ${log.error})\n` : log.text}`)
    .join('\n');
  writeFileSync(file, redact(body, secrets));
  return file;
}
