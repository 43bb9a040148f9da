// A real registry on 127.0.0.1 for tests, benchmarks and the demo: Debian's docker-registry
// (distribution 2.8) with temporary storage, optionally behind a small proxy that demands basic
// authentication, or bearer tokens issued through a `WWW-Authenticate` challenge the way GHCR does.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

export interface RegistryAuth {
  kind: 'basic' | 'bearer';
  username: string;
  password: string;
  /** bearer only: grant pull tokens to anonymous clients (like a public GHCR package). */
  anonymousPull?: boolean;
}

export interface LocalRegistry {
  /** host:port to put in image references, e.g. 127.0.0.1:41234. */
  host: string;
  url: string;
  /** The scopes asked of the token service, in order (bearer only). */
  tokenRequests: string[][];
  stop(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((r) => server.close(r));
  return port;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return false;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function startBackend(
  dir: string,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = join(dir, 'config.yml');
    writeFileSync(
      config,
      [
        'version: 0.1',
        'log: {level: error, accesslog: {disabled: true}}',
        `storage: {filesystem: {rootdirectory: ${join(dir, 'storage')}}, delete: {enabled: true}}`,
        `http: {addr: "127.0.0.1:${port}", secret: ${randomBytes(16).toString('hex')}}`,
        '',
      ].join('\n'),
    );
    const child = spawn(REGISTRY_BINARY, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr?.on('data', (d: Buffer) => (output += d));
    const url = `http://127.0.0.1:${port}`;
    if (await waitUntilUp(url, child, 10_000)) return { child, url, output: () => output };
    await stopChild(child);
    // The port may have been taken between probing and binding: try another.
    if (attempt >= 3) throw new Error(`docker-registry did not start: ${output.slice(-500)}`);
  }
}

const ROUTE = /^\/v2\/(.+?)\/(manifests|blobs|tags)\//;

/** Scopes a request to the registry API needs, in token-spec form. */
function neededScopes(req: IncomingMessage): string[] {
  const url = new URL(req.url ?? '/', 'http://proxy');
  const route = ROUTE.exec(url.pathname);
  if (!route) return [];
  const read = req.method === 'GET' || req.method === 'HEAD';
  const scopes = [`repository:${route[1]}:${read ? 'pull' : 'push'}`];
  const from = url.searchParams.get('from');
  if (url.searchParams.get('mount') && from) scopes.push(`repository:${from}:pull`);
  return scopes;
}

/** Expands `repository:x:pull,push` into one entry per action. */
function actionsOf(scopes: string[]): Set<string> {
  const granted = new Set<string>();
  for (const scope of scopes) {
    const parts = scope.split(':');
    const actions = parts.pop() ?? '';
    for (const action of actions.split(',')) granted.add(`${parts.join(':')}:${action}`);
  }
  return granted;
}

function basicMatches(header: string | undefined, auth: RegistryAuth): boolean {
  const expected = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
  return header === `Basic ${expected}`;
}

function forward(req: IncomingMessage, res: ServerResponse, backend: string): void {
  const target = new URL(req.url ?? '/', backend);
  const headers = { ...req.headers };
  delete headers.authorization;
  const upstream = request(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => res.writeHead(502).end(String(error)));
  req.pipe(upstream);
}

function deny(res: ServerResponse, challenge: string, code = 'UNAUTHORIZED'): void {
  res
    .writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' })
    .end(JSON.stringify({ errors: [{ code, message: 'authentication required' }] }));
}

function authProxy(auth: RegistryAuth, backend: string, tokenRequests: string[][]): Server {
  const tokens = new Map<string, Set<string>>();
  return createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    if (auth.kind === 'basic') {
      if (basicMatches(req.headers.authorization, auth)) return forward(req, res, backend);
      return deny(res, 'Basic realm="shipyard test registry"');
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/token') {
      const scopes = url.searchParams.getAll('scope');
      tokenRequests.push(scopes);
      const authenticated = basicMatches(req.headers.authorization, auth);
      if (req.headers.authorization && !authenticated) return void res.writeHead(401).end('bad credentials');
      if (!authenticated && !auth.anonymousPull) return void res.writeHead(401).end('credentials required');
      const granted = [...actionsOf(scopes)].filter((s) => authenticated || s.endsWith(':pull'));
      const token = randomBytes(16).toString('hex');
      tokens.set(token, new Set(granted));
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ token, expires_in: 300 }));
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const granted = bearer ? tokens.get(bearer) : undefined;
    const needed = neededScopes(req);
    const realm = `realm="${origin}/token",service="shipyard-test"`;
    if (!granted) return deny(res, `Bearer ${realm}${needed.length ? `,scope="${needed.join(' ')}"` : ''}`);
    const missing = needed.filter((scope) => ![...actionsOf([scope])].every((a) => granted.has(a)));
    if (missing.length)
      return deny(res, `Bearer ${realm},scope="${missing.join(' ')}",error="insufficient_scope"`, 'DENIED');
    forward(req, res, backend);
  });
}

export async function startRegistry(options: { auth?: RegistryAuth } = {}): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'shipyard-registry-'));
  let backend: Awaited<ReturnType<typeof startBackend>>;
  try {
    backend = await startBackend(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const tokenRequests: string[][] = [];
  let proxy: Server | undefined;
  let url = backend.url;
  if (options.auth) {
    proxy = authProxy(options.auth, backend.url, tokenRequests);
    url = `http://127.0.0.1:${await listen(proxy)}`;
  }
  return {
    host: new URL(url).host,
    url,
    tokenRequests,
    async stop() {
      if (proxy) {
        proxy.closeAllConnections();
        await new Promise((r) => proxy.close(r));
      }
      await stopChild(backend.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
