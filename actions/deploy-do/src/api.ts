// A small client for the App Platform endpoints deploy-do uses (/v2/apps*).
// Reads retry on 429/5xx/resets. Writes (PUT/POST) are never repeated by the HTTP layer once they
// may have reached the server: a write that ends ambiguously raises AmbiguousWriteError, and the
// caller re-reads the app to find what the write did.
import { systemClock, type Clock } from '../../../lib/clock.js';
import { formatDuration } from '../../../lib/duration.js';
import { HttpError, requestWithRetry, type Fetch, type RetryPolicy } from '../../../lib/http.js';
import type { AppSpec } from './spec.js';

export const PHASES = [
  'UNKNOWN',
  'PENDING_BUILD',
  'BUILDING',
  'PENDING_DEPLOY',
  'DEPLOYING',
  'ACTIVE',
  'SUPERSEDED',
  'ERROR',
  'CANCELED',
] as const;
export type Phase = (typeof PHASES)[number];
export const TERMINAL_PHASES: readonly Phase[] = ['ACTIVE', 'SUPERSEDED', 'ERROR', 'CANCELED'];

export interface Step {
  name?: string;
  component_name?: string;
  message_base?: string;
  status?: 'UNKNOWN' | 'PENDING' | 'RUNNING' | 'ERROR' | 'SUCCESS';
  started_at?: string;
  ended_at?: string;
  reason?: { code?: string; message?: string };
  steps?: Step[];
}

export interface Deployment {
  id: string;
  phase?: Phase;
  cause?: string;
  cloned_from?: string;
  created_at?: string;
  updated_at?: string;
  phase_last_updated_at?: string;
  progress?: {
    steps?: Step[];
    summary_steps?: Step[];
    error_steps?: number;
    pending_steps?: number;
    running_steps?: number;
    success_steps?: number;
    total_steps?: number;
  };
  spec?: AppSpec;
}

export interface App {
  id: string;
  spec: AppSpec;
  active_deployment?: Deployment;
  in_progress_deployment?: Deployment;
  pending_deployment?: Deployment;
  pinned_deployment?: Deployment;
  live_url?: string;
  default_ingress?: string;
  last_deployment_created_at?: string;
}

export interface RollbackValidation {
  valid?: boolean;
  error?: { code?: string; message?: string };
  warnings?: { code?: string; message?: string }[];
}

export type LogType = 'BUILD' | 'DEPLOY' | 'RUN';

/** The API answered with an error: the request had no effect. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly id: string | undefined,
    readonly apiMessage: string,
    readonly requestId?: string,
  ) {
    super(
      `${method} ${path}: HTTP ${status}${id ? ` ${id}` : ''}: ${apiMessage}` +
        (requestId ? ` (request id ${requestId})` : ''),
    );
    this.name = 'ApiError';
  }
}

/** A write whose effect is unknown (5xx or a connection lost after sending). */
export class AmbiguousWriteError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly reason: unknown,
  ) {
    super(`${method} ${path} may or may not have been applied: ${(reason as Error).message ?? reason}`);
    this.name = 'AmbiguousWriteError';
  }
}

/** The run's `timeout` passed while a request was still being sent or retried. */
export class DeadlineError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly timeoutMs: number,
  ) {
    super(
      `Ran out of the \`timeout\` of ${formatDuration(timeoutMs)} while ${method} ${path} was still ` +
        'being sent or retried (the whole run, wait included, is bounded by `timeout`). Raise `timeout` to allow more.',
    );
    this.name = 'DeadlineError';
  }
}

/** One deadline (clock time) for every request of a run, with the timeout it comes from. */
export interface RunDeadline {
  at: number;
  timeoutMs: number;
}

export interface ClientOptions {
  apiUrl: string;
  token: string;
  fetch?: Fetch;
  clock?: Clock;
  /** Told about every retry, for the log. */
  onRetry?: (message: string) => void;
  retry?: Partial<RetryPolicy>;
  requestTimeoutMs?: number;
}

export class AppsClient {
  readonly apiUrl: string;
  requests = 0;
  /** When set, no request (nor its retries) goes on past it: they fail with DeadlineError. */
  deadline?: RunDeadline;
  private readonly fetchFn: Fetch;
  private readonly clock: Clock;

  constructor(private readonly options: ClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    const base = options.fetch ?? fetch;
    this.fetchFn = ((input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
      this.requests++;
      return base(input, init);
    }) as Fetch;
    this.clock = options.clock ?? systemClock;
  }

  getApp(appId: string, signal?: AbortSignal): Promise<App> {
    return this.read<{ app: App }>(`/v2/apps/${enc(appId)}`, signal).then((r) => r.app);
  }

  /** Finds an app by its spec name, paging through the account's apps. */
  async findAppByName(name: string, signal?: AbortSignal): Promise<App | undefined> {
    for (let page = 1; page <= 50; page++) {
      const body = await this.read<{ apps?: App[]; links?: { pages?: { next?: string } } }>(
        `/v2/apps?page=${page}&per_page=100`,
        signal,
      );
      const found = body.apps?.find((a) => a.spec?.name === name);
      if (found) return found;
      if (!body.apps?.length || !body.links?.pages?.next) return undefined;
    }
    return undefined;
  }

  updateApp(appId: string, spec: AppSpec, signal?: AbortSignal): Promise<App> {
    return this.write<{ app: App }>('PUT', `/v2/apps/${enc(appId)}`, { spec }, signal).then((r) => r.app);
  }

  createApp(spec: AppSpec, projectId: string | undefined, signal?: AbortSignal): Promise<App> {
    const body = projectId ? { spec, project_id: projectId } : { spec };
    return this.write<{ app: App }>('POST', '/v2/apps', body, signal).then((r) => r.app);
  }

  createDeployment(appId: string, forceBuild: boolean, signal?: AbortSignal): Promise<Deployment> {
    return this.write<{ deployment: Deployment }>(
      'POST',
      `/v2/apps/${enc(appId)}/deployments`,
      { force_build: forceBuild },
      signal,
    ).then((r) => r.deployment);
  }

  getDeployment(appId: string, deploymentId: string, signal?: AbortSignal): Promise<Deployment> {
    return this.read<{ deployment: Deployment }>(
      `/v2/apps/${enc(appId)}/deployments/${enc(deploymentId)}`,
      signal,
    ).then((r) => r.deployment);
  }

  listDeployments(appId: string, page = 1, perPage = 20, signal?: AbortSignal): Promise<Deployment[]> {
    return this.read<{ deployments?: Deployment[] }>(
      `/v2/apps/${enc(appId)}/deployments?page=${page}&per_page=${perPage}`,
      signal,
    ).then((r) => r.deployments ?? []);
  }

  cancelDeployment(appId: string, deploymentId: string, signal?: AbortSignal): Promise<Deployment> {
    return this.write<{ deployment: Deployment }>(
      'POST',
      `/v2/apps/${enc(appId)}/deployments/${enc(deploymentId)}/cancel`,
      undefined,
      signal,
      // Cancelling twice is harmless and cannot start a deployment.
      true,
    ).then((r) => r.deployment);
  }

  validateRollback(appId: string, deploymentId: string, signal?: AbortSignal): Promise<RollbackValidation> {
    // Validation changes nothing, so it may be repeated like a read.
    return this.write<RollbackValidation>(
      'POST',
      `/v2/apps/${enc(appId)}/rollback/validate`,
      { deployment_id: deploymentId },
      signal,
      true,
    );
  }

  rollback(appId: string, deploymentId: string, signal?: AbortSignal): Promise<Deployment> {
    return this.write<{ deployment: Deployment }>(
      'POST',
      `/v2/apps/${enc(appId)}/rollback`,
      { deployment_id: deploymentId, skip_pin: false },
      signal,
    ).then((r) => r.deployment);
  }

  async commitRollback(appId: string, signal?: AbortSignal): Promise<void> {
    // Committing twice is harmless: the second finds nothing pinned.
    await this.write('POST', `/v2/apps/${enc(appId)}/rollback/commit`, undefined, signal, true);
  }

  revertRollback(appId: string, signal?: AbortSignal): Promise<Deployment | undefined> {
    return this.write<{ deployment?: Deployment }>(
      'POST',
      `/v2/apps/${enc(appId)}/rollback/revert`,
      undefined,
      signal,
    ).then((r) => r?.deployment);
  }

  /** URLs of a deployment's archived logs (one component, or the whole deployment). */
  async logUrls(
    appId: string,
    deploymentId: string,
    type: LogType,
    component?: string,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const path = component
      ? `/v2/apps/${enc(appId)}/deployments/${enc(deploymentId)}/components/${enc(component)}/logs`
      : `/v2/apps/${enc(appId)}/deployments/${enc(deploymentId)}/logs`;
    const body = await this.read<{ historic_urls?: string[]; live_url?: string }>(
      `${path}?type=${type}&follow=false`,
      signal,
    );
    return body.historic_urls ?? [];
  }

  /** Downloads a log file. Archived log URLs are pre-signed: the API token is not sent there. */
  async download(url: string, signal?: AbortSignal): Promise<string> {
    const response = await requestWithRetry(
      url,
      {
        method: 'GET',
        signal,
        timeoutMs: this.options.requestTimeoutMs ?? 30_000,
        retry: this.options.retry,
      },
      { fetch: this.fetchFn, clock: this.clock },
    );
    const text = await response.text();
    if (!response.ok)
      throw new HttpError(`GET ${redactQuery(url)}: HTTP ${response.status}`, response.status);
    return text;
  }

  private read<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.send<T>('GET', path, undefined, signal, true);
  }

  private async write<T>(
    method: 'PUT' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    repeatable = false,
  ): Promise<T> {
    try {
      return await this.send<T>(method, path, body, signal, repeatable);
    } catch (error) {
      if (repeatable || error instanceof ApiError || error instanceof DeadlineError || signal?.aborted)
        throw error;
      throw new AmbiguousWriteError(method, path, error);
    }
  }

  private async send<T>(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    idempotent: boolean,
  ): Promise<T> {
    const bounded = this.bounded(method, path.split('?')[0], signal);
    const response = await bounded.guard(() =>
      requestWithRetry(
        this.apiUrl + path,
        {
          method,
          idempotent,
          signal: bounded.signal,
          timeoutMs: this.options.requestTimeoutMs ?? 30_000,
          retry: this.options.retry,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          onRetry: (reason, delayMs, attempt) =>
            this.options.onRetry?.(
              `${method} ${path.split('?')[0]}: ${reason}; retry ${attempt} in ${formatDuration(delayMs)}`,
            ),
        },
        { fetch: bounded.fetch, clock: bounded.clock },
      ),
    );
    const text = await response.text();
    if (response.ok) return (text ? JSON.parse(text) : {}) as T;
    const failure = parseError(text);
    const error = new ApiError(
      method,
      path.split('?')[0],
      response.status,
      failure.id,
      (failure.message ?? text).slice(0, 300) || response.statusText,
      failure.request_id,
    );
    // A 5xx answer to a write leaves its effect unknown.
    if (response.status >= 500 && !idempotent) throw new HttpError(error.message, response.status, text);
    throw error;
  }

  /**
   * The signal, fetch and clock for one request under the run deadline: a retry delay that would
   * end past it ends the request instead, and so does the deadline passing mid-request.
   */
  private bounded(method: string, path: string, signal: AbortSignal | undefined) {
    const deadline = this.deadline;
    const clock = this.clock;
    if (!deadline)
      return { signal, fetch: this.fetchFn, clock, guard: <R>(request: () => Promise<R>) => request() };
    const stop = new AbortController();
    const timer = AbortSignal.timeout(Math.max(1, Math.ceil(deadline.at - clock.now())));
    const combined = AbortSignal.any([stop.signal, timer, ...(signal ? [signal] : [])]);
    const expired = () =>
      !signal?.aborted && (stop.signal.aborted || timer.aborted || clock.now() >= deadline.at);
    const fail = () => new DeadlineError(method, path, deadline.timeoutMs);
    const boundedFetch = ((input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
      if (expired()) return Promise.reject(fail());
      return this.fetchFn(input, init);
    }) as Fetch;
    const boundedClock: Clock = {
      now: () => clock.now(),
      async sleep(ms, sleepSignal) {
        const left = deadline.at - clock.now();
        if (ms < left) return clock.sleep(ms, sleepSignal);
        stop.abort();
      },
    };
    const guard = async <R>(request: () => Promise<R>): Promise<R> => {
      if (expired()) throw fail();
      try {
        const answer = await request();
        if (expired()) throw fail();
        return answer;
      } catch (error) {
        if (expired()) throw fail();
        throw error;
      }
    };
    return { signal: combined, fetch: boundedFetch, clock: boundedClock, guard };
  }
}

function parseError(text: string): { id?: string; message?: string; request_id?: string } {
  try {
    const body = JSON.parse(text);
    return typeof body === 'object' && body ? body : {};
  } catch {
    return {};
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

export function redactQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q) + '?…';
}

/** Transient trouble worth waiting out while polling: rate limits, 5xx, lost connections. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 429 || error.status >= 500;
  return error instanceof HttpError || (error as Error)?.name === 'TimeoutError';
}
