// The HTTP face of the emulator: /v2/apps* as App Platform serves it (bearer auth, error
// shape, ratelimit headers), the historic log files its log URLs point at, and scripted faults.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../lib/clock.js';
import { FaultQueue, type Fault } from './faults.js';
import { componentsOf, logLines, type AppSpec, type DeploymentRecord, type LogType } from './model.js';
import { ApiError, Platform, type AppRecord, type PhaseMsOption, type RunService } from './platform.js';
import { renderApp, renderDeployment } from './render.js';

export interface EmulatorOptions {
  /** The bearer token the API accepts; a random `dop_v1_...` one by default. */
  token?: string;
  /** Time source; phases move only as this clock moves. Defaults to the system clock. */
  clock?: Clock;
  /** Phase durations in ms: one number for all, per phase, or per deployment. */
  phaseMs?: PhaseMsOption;
  /** Starts a service component's process when its deployment deploys; `live_url` points at it. */
  runService?: RunService;
  /** Requests per token; defaults are App Platform's: 5000/hour, 250/minute. */
  rateLimit?: { perHour?: number; perMinute?: number };
  /** How often phases advance in the background (ms); 0 means only when a request arrives. */
  tickMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Pathname only. */
  path: string;
  /** The query string without `?`. */
  query: string;
  requestBody: unknown;
  /** 0 when the connection was reset instead of answered. */
  status: number;
  responseBody: unknown;
  responseHeaders: Record<string, string>;
  contentType?: string;
  /** Clock time when the request arrived. */
  at: number;
  /** The scripted fault that shaped this exchange. */
  fault?: Fault['type'];
}

export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`: pass it as the action's `api-url`. */
  url: string;
  token: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  apps: Map<string, AppRecord>;
  platform: Platform;
  fault(fault: Fault): void;
  pendingFaults(): Fault[];
  clearFaults(): void;
  /** Creates an app whose first deployment is ACTIVE at once (no faults apply). */
  seedApp(spec: AppSpec): Promise<AppRecord>;
  /** Applies every phase change due by the clock's now. */
  advance(): Promise<void>;
  /** The app as `GET /v2/apps/{id}` returns it. */
  appJson(id: string): Record<string, unknown>;
  deploymentJson(appId: string, deploymentId: string): Record<string, unknown>;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

interface RequestContext {
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  now: number;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? systemClock;
  const token = options.token ?? `dop_v1_${randomBytes(32).toString('hex')}`;
  const logSecret = randomBytes(12).toString('hex');
  const faults = new FaultQueue();
  const platform = new Platform({ clock, phaseMs: options.phaseMs, runService: options.runService, faults });
  const limits = new RateLimiter(options.rateLimit?.perHour ?? 5000, options.rateLimit?.perMinute ?? 250);
  const requests: RecordedRequest[] = [];
  let baseUrl = '';

  const logUrl = (kind: '_logs' | '_live', d: DeploymentRecord, component: string, type: LogType) =>
    `${baseUrl}/${kind}/${d.appId}/${d.id}/${encodeURIComponent(component)}/${type}/${logSecret}`;

  const routes = apiRoutes(platform, () => baseUrl, logUrl);

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String((error as Error).stack ?? error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      requestBody: parseMaybeJson(raw),
      status: 0,
      responseBody: undefined,
      responseHeaders: {},
      contentType: req.headers['content-type'],
      at: clock.now(),
    };
    requests.push(record);
    const isApi = url.pathname.startsWith('/v2/');
    const fault = faults.takeHttp(method, url.pathname);
    const applies = fault && (isApi || fault.match?.path !== undefined);
    if (applies) record.fault = fault.type;
    if (applies && fault.type === 'reset' && fault.when !== 'after') return void req.socket.destroy();

    let reply: Reply;
    if (applies && fault.type === 'status') {
      reply = faultReply(fault.status, fault.message, fault.retryAfter);
    } else if (url.pathname.startsWith('/_logs/') || url.pathname.startsWith('/_live/')) {
      reply = await platform.exclusive(() => serveLog(platform, url.pathname, logSecret));
    } else if (!isApi) {
      reply = errorReply(404, 'not_found', 'The resource you were accessing could not be found.');
    } else {
      reply = await apiReply(req, url, method, raw);
    }
    if (isApi) Object.assign((reply.headers ??= {}), limits.headers(token, clock.now()));
    if (applies && fault.type === 'reset') return void req.socket.destroy();
    send(res, reply, record);
  }

  async function apiReply(req: IncomingMessage, url: URL, method: string, raw: string): Promise<Reply> {
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${token}`) return errorReply(401, 'unauthorized', 'Unable to authenticate you');
    const limited = limits.take(token, clock.now());
    if (limited) return limited;
    let body: Record<string, unknown> = {};
    if (raw.trim()) {
      try {
        body = JSON.parse(raw);
      } catch (error) {
        return errorReply(
          400,
          'bad_request',
          `invalid JSON in the request body: ${(error as Error).message}`,
        );
      }
    }
    const route = matchRoute(routes, method, url.pathname);
    if (!route) return errorReply(404, 'not_found', 'The resource you were accessing could not be found.');
    if (route === 'method')
      return errorReply(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`);
    try {
      const ctx = { params: route.params, query: url.searchParams, body };
      return await platform.exclusive(() => route.handler({ ...ctx, now: clock.now() }));
    } catch (error) {
      if (error instanceof ApiError) return errorReply(error.status, error.id, error.message);
      throw error;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tickMs = options.tickMs ?? (options.clock ? 0 : 20);
  const ticker =
    tickMs > 0 ? setInterval(() => void platform.advance().catch(() => undefined), tickMs) : undefined;
  ticker?.unref();

  return {
    url: baseUrl,
    token,
    requests,
    apps: platform.apps,
    platform,
    fault: (f) => faults.add(f),
    pendingFaults: () => faults.pending(),
    clearFaults: () => faults.clear(),
    async seedApp(spec) {
      const app = await platform.exclusive(() => platform.seedApp(spec));
      await platform.advance();
      return app;
    },
    advance: () => platform.advance(),
    appJson: (id) => renderApp(platform, platform.app(id), clock.now()),
    deploymentJson: (appId, id) => {
      const app = platform.app(appId);
      return renderDeployment(platform.deployment(app, id), clock.now());
    },
    async close() {
      if (ticker) clearInterval(ticker);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await platform.close();
    },
  };
}

// ---- routes ----

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

function matchRoute(
  routes: Route[],
  method: string,
  path: string,
): { handler: Handler; params: string[] } | 'method' | undefined {
  let pathKnown = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathKnown = true;
    if (r.method === method) return { handler: r.handler, params: m.slice(1).map(decodeURIComponent) };
  }
  return pathKnown ? 'method' : undefined;
}

function apiRoutes(
  platform: Platform,
  baseUrl: () => string,
  logUrl: (kind: '_logs' | '_live', d: DeploymentRecord, component: string, type: LogType) => string,
): Route[] {
  const ok = (body: unknown): Reply => ({ status: 200, body });
  const app = (id: string) => platform.app(id);
  const appBody = (a: AppRecord, now: number, pending?: DeploymentRecord) => ({
    app: renderApp(platform, a, now, pending),
  });
  const deploymentBody = (d: DeploymentRecord, now: number) => ({ deployment: renderDeployment(d, now) });
  const route = (method: string, path: string, handler: Handler): Route => ({
    method,
    pattern: new RegExp(`^${path.replace(/\{[a-z_]+\}/g, '([^/]+)')}$`),
    handler,
  });
  const specOf = (body: Record<string, unknown>) => body.spec as AppSpec;

  return [
    route('GET', '/v2/apps', ({ query, now }) => {
      const apps = [...platform.apps.values()].sort((a, b) => a.createdAt - b.createdAt);
      const page = paginate(apps, query, `${baseUrl()}/v2/apps`);
      return ok({ apps: page.items.map((a) => renderApp(platform, a, now)), ...page.extra });
    }),
    route('POST', '/v2/apps', ({ body, now }) => {
      const { app: created, deployment } = platform.createApp(
        specOf(body),
        body.project_id as string | undefined,
      );
      return ok(appBody(created, now, deployment));
    }),
    route('GET', '/v2/apps/{id}', ({ params, query, now }) => {
      const name = query.get('name');
      return ok(appBody(name ? platform.appByName(name) : app(params[0]), now));
    }),
    route('PUT', '/v2/apps/{id}', ({ params, body, now }) => {
      const a = app(params[0]);
      const pending = platform.updateApp(a, specOf(body), body.update_all_source_versions === true);
      return ok(appBody(a, now, pending));
    }),
    route('DELETE', '/v2/apps/{id}', async ({ params }) => {
      const a = app(params[0]);
      await platform.deleteApp(a);
      return ok({ id: a.id });
    }),
    route('GET', '/v2/apps/{app_id}/deployments', ({ params, query, now }) => {
      const a = app(params[0]);
      const page = paginate(a.deployments, query, `${baseUrl()}/v2/apps/${a.id}/deployments`);
      return ok({ deployments: page.items.map((d) => renderDeployment(d, now)), ...page.extra });
    }),
    route('POST', '/v2/apps/{app_id}/deployments', ({ params, body, now }) =>
      ok(deploymentBody(platform.createDeployment(app(params[0]), body.force_build === true), now)),
    ),
    route('GET', '/v2/apps/{app_id}/deployments/{deployment_id}', ({ params, now }) =>
      ok(deploymentBody(platform.deployment(app(params[0]), params[1]), now)),
    ),
    route('POST', '/v2/apps/{app_id}/deployments/{deployment_id}/cancel', async ({ params, now }) =>
      ok(deploymentBody(await platform.cancel(platform.deployment(app(params[0]), params[1])), now)),
    ),
    route('GET', '/v2/apps/{app_id}/deployments/{deployment_id}/components/{component_name}/logs', (ctx) => {
      const d = platform.deployment(app(ctx.params[0]), ctx.params[1]);
      const component = ctx.params[2];
      if (!componentsOf(d.spec).some((c) => c.name === component)) {
        throw new ApiError(404, 'not_found', `deployment ${d.id} has no component ${component}`);
      }
      return ok(logsBody(d, component, logType(ctx.query), ctx.now, logUrl));
    }),
    route('GET', '/v2/apps/{app_id}/deployments/{deployment_id}/logs', (ctx) => {
      const d = platform.deployment(app(ctx.params[0]), ctx.params[1]);
      return ok(logsBody(d, '', logType(ctx.query), ctx.now, logUrl));
    }),
    route('POST', '/v2/apps/{app_id}/rollback/validate', ({ params, body }) =>
      ok(platform.validateRollback(app(params[0]), requiredId(body))),
    ),
    route('POST', '/v2/apps/{app_id}/rollback', ({ params, body, now }) =>
      ok(deploymentBody(platform.rollback(app(params[0]), requiredId(body), body.skip_pin === true), now)),
    ),
    route('POST', '/v2/apps/{app_id}/rollback/commit', ({ params }) => {
      platform.commitRollback(app(params[0]));
      return { status: 200 };
    }),
    route('POST', '/v2/apps/{app_id}/rollback/revert', ({ params, now }) =>
      ok(deploymentBody(platform.revertRollback(app(params[0])), now)),
    ),
  ];
}

function requiredId(body: Record<string, unknown>): string {
  if (typeof body.deployment_id !== 'string' || !body.deployment_id) {
    throw new ApiError(400, 'invalid_argument', 'deployment_id is required');
  }
  return body.deployment_id;
}

function logType(query: URLSearchParams): LogType {
  const type = query.get('type');
  if (type === 'BUILD' || type === 'DEPLOY') return type;
  if (!type)
    throw new ApiError(400, 'invalid_argument', 'the log type is required (type=BUILD or type=DEPLOY)');
  throw new ApiError(400, 'invalid_argument', `the emulator serves BUILD and DEPLOY logs, not ${type}`);
}

/** A log is archived (historic) once its step is over; until then only the live URL shows it. */
function logsBody(
  d: DeploymentRecord,
  component: string,
  type: LogType,
  now: number,
  logUrl: (kind: '_logs' | '_live', d: DeploymentRecord, component: string, type: LogType) => string,
) {
  const names = component ? [component] : componentsOf(d.spec).map((c) => c.name);
  const written = names.some((name) => logLines(d, name, type, now).length > 0);
  const complete = written && names.every((name) => logComplete(d, name, type, now));
  const key = component || '_all';
  return {
    live_url: logUrl('_live', d, key, type),
    historic_urls: complete ? [logUrl('_logs', d, key, type)] : [],
  };
}

function logComplete(d: DeploymentRecord, component: string, type: LogType, now: number): boolean {
  const lines = logLines(d, component, type, Infinity);
  if (d.end && now >= d.end.at) return true;
  return lines.length > 0 && lines[lines.length - 1].at <= now;
}

function serveLog(platform: Platform, pathname: string, secret: string): Reply {
  const [kind, appId, deploymentId, component, type, given] = pathname.slice(1).split('/');
  const denied: Reply = { status: 403, text: 'AccessDenied\n', headers: { 'content-type': 'text/plain' } };
  if (given !== secret || (type !== 'BUILD' && type !== 'DEPLOY')) return denied;
  let d: DeploymentRecord;
  try {
    d = platform.deployment(platform.app(appId), deploymentId);
  } catch {
    return { status: 404, text: 'NoSuchKey\n', headers: { 'content-type': 'text/plain' } };
  }
  const now = platform.now();
  const name = decodeURIComponent(component);
  const names = name === '_all' ? componentsOf(d.spec).map((c) => c.name) : [name];
  if (kind === '_logs' && !names.every((n) => logComplete(d, n, type, now))) {
    return { status: 404, text: 'NoSuchKey\n', headers: { 'content-type': 'text/plain' } };
  }
  const lines = names
    .flatMap((n) => logLines(d, n, type, now))
    .sort((a, b) => a.at - b.at)
    .map((l) => l.text);
  return {
    status: 200,
    text: lines.length ? `${lines.join('\n')}\n` : '',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  };
}

function paginate<T>(all: T[], query: URLSearchParams, base: string) {
  const perPage = Math.min(200, Math.max(1, Number(query.get('per_page') ?? 20) || 20));
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const page = Math.min(lastPage, Math.max(1, Number(query.get('page') ?? 1) || 1));
  const link = (p: number) => `${base}?page=${p}&per_page=${perPage}`;
  const pages: Record<string, string> = {};
  if (page > 1) Object.assign(pages, { first: link(1), prev: link(page - 1) });
  if (page < lastPage) Object.assign(pages, { next: link(page + 1), last: link(lastPage) });
  return {
    items: all.slice((page - 1) * perPage, page * perPage),
    extra: { links: { pages }, meta: { total: all.length } },
  };
}

// ---- responses ----

function errorReply(status: number, id: string, message: string): Reply {
  return { status, body: { id, message, request_id: randomUUID() } };
}

function faultReply(status: number, message: string | undefined, retryAfter: number | undefined): Reply {
  const ids: Record<number, [string, string]> = {
    429: ['too_many_requests', 'API rate limit exceeded.'],
    500: ['server_error', 'Unexpected server-side error'],
    502: ['bad_gateway', 'Bad gateway'],
    503: ['service_unavailable', 'Service unavailable'],
    504: ['gateway_timeout', 'Gateway timeout'],
  };
  const [id, text] = ids[status] ?? ['server_error', `HTTP ${status}`];
  const reply = errorReply(status, id, message ?? text);
  if (retryAfter !== undefined) reply.headers = { 'retry-after': String(retryAfter) };
  else if (status === 429) reply.headers = { 'retry-after': '1' };
  return reply;
}

function send(res: ServerResponse, reply: Reply, record: RecordedRequest): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (reply.text !== undefined) {
    payload = reply.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  record.status = reply.status;
  record.responseBody = reply.text ?? reply.body;
  record.responseHeaders = headers;
  res.writeHead(reply.status, headers);
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseMaybeJson(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** App Platform's limits: a fixed hourly budget and a sliding one-minute burst window. */
class RateLimiter {
  private readonly hourly = new Map<string, { start: number; used: number }>();
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perHour: number,
    private readonly perMinute: number,
  ) {}

  private window(token: string, now: number) {
    let w = this.hourly.get(token);
    if (!w || now >= w.start + 3_600_000) {
      w = { start: now, used: 0 };
      this.hourly.set(token, w);
    }
    return w;
  }

  /** Counts a request; returns the 429 to send when over a limit. */
  take(token: string, now: number): Reply | undefined {
    const w = this.window(token, now);
    const recent = (this.recent.get(token) ?? []).filter((t) => t > now - 60_000);
    this.recent.set(token, recent);
    if (w.used >= this.perHour) {
      return faultReply(429, 'API rate limit exceeded.', Math.ceil((w.start + 3_600_000 - now) / 1000));
    }
    if (recent.length >= this.perMinute) {
      return faultReply(
        429,
        'API rate limit exceeded.',
        Math.max(1, Math.ceil((recent[0] + 60_000 - now) / 1000)),
      );
    }
    w.used++;
    recent.push(now);
    return undefined;
  }

  headers(token: string, now: number): Record<string, string> {
    const w = this.window(token, now);
    return {
      'ratelimit-limit': String(this.perHour),
      'ratelimit-remaining': String(Math.max(0, this.perHour - w.used)),
      'ratelimit-reset': String(Math.ceil((w.start + 3_600_000) / 1000)),
    };
  }
}
