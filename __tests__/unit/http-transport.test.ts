// The node:http fetch against real servers on 127.0.0.1, side by side with the global fetch.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorCode, requestWithRetry, type Fetch } from '../../lib/http.js';
import { transportFetch } from '../../lib/http-transport.js';
import type { Clock } from '../../lib/clock.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let main: Server;
let other: Server;
let base: string;
let otherBase: string;
const seen: Seen[] = [];
let flaky = 0;

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readAll(req);
  const url = new URL(req.url!, 'http://x');
  seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
  const to = url.searchParams.get('to');
  switch (url.pathname) {
    case '/json':
      res.writeHead(200, 'Fine', {
        'content-type': 'application/json',
        'X-Custom': 'a',
        'set-cookie': ['a=1', 'b=2'],
      });
      return void res.end('\ufeff{"ok":true}');
    case '/echo':
      res.writeHead(201, { 'content-type': 'text/plain' });
      return void res.end(`${req.method} ${body} ${req.headers['content-length'] ?? 'chunked'}`);
    case '/empty':
      return void res.writeHead(204).end();
    case '/big':
      res.writeHead(200, { 'content-length': String(1 << 20) });
      return void res.end(Buffer.alloc(1 << 20, 7));
    case '/redirect':
      res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to ?? '/json' });
      return void res.end();
    case '/loop':
      return void res.writeHead(302, { location: '/loop' }).end();
    case '/slow-headers':
      return void setTimeout(() => res.writeHead(200).end('late'), 500);
    case '/slow-body':
      res.writeHead(200);
      res.write('part');
      return void setTimeout(() => res.end('rest'), 500);
    case '/flaky':
      return void (flaky++ < 1 ? res.writeHead(503).end('busy') : res.writeHead(200).end('ok'));
    default:
      res.writeHead(404).end();
  }
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

beforeAll(async () => {
  main = createServer((req, res) => void handle(req, res));
  other = createServer((req, res) => void handle(req, res));
  [base, otherBase] = await Promise.all([listen(main), listen(other)]);
});
afterAll(async () => {
  for (const server of [main, other]) server.closeAllConnections();
  await Promise.all([main, other].map((s) => new Promise((resolve) => s.close(resolve))));
});

function lastSeen(): Seen {
  return seen[seen.length - 1];
}

/** What a caller can observe of a response, to compare the two implementations. */
async function observe(fetcher: Fetch, path: string, init?: RequestInit) {
  const response = await fetcher(`${base}${path}`, init);
  return {
    status: response.status,
    ok: response.ok,
    redirected: response.redirected,
    url: response.url,
    contentType: response.headers.get('Content-Type'),
    hasBody: response.body !== null,
    text: await response.text(),
    request: { method: lastSeen().method, url: lastSeen().url, body: lastSeen().body },
  };
}

const streamOf = (...parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });

describe('transportFetch', () => {
  it.each<[string, string, (() => RequestInit) | undefined]>([
    ['GET json (BOM dropped by text())', '/json', undefined],
    ['HEAD: no body', '/json', () => ({ method: 'HEAD' })],
    ['204: no body', '/empty', undefined],
    ['POST a string', '/echo', () => ({ method: 'POST', body: 'hello' })],
    ['PUT bytes', '/echo', () => ({ method: 'PUT', body: Buffer.from('bytes') })],
    ['302 to a relative location', '/redirect?to=/json', undefined],
    [
      '303 after POST becomes a GET without body',
      '/redirect?status=303&to=/echo',
      () => ({ method: 'POST', body: 'x' }),
    ],
    [
      '307 sends the same method and body again',
      '/redirect?status=307&to=/echo',
      () => ({ method: 'PUT', body: 'again' }),
    ],
    ['404', '/missing', undefined],
  ])('%s: the same as the global fetch', async (_, path, init) => {
    const theirs = await observe(fetch, path, init?.());
    const ours = await observe(transportFetch, path, init?.());
    expect(ours).toEqual(theirs);
  });

  it('streams request bodies (chunked, or with the content-length given) and response bodies', async () => {
    const chunked = await transportFetch(`${base}/echo`, { method: 'PUT', body: streamOf('a', 'b') });
    expect(await chunked.text()).toBe('PUT ab chunked');
    const sized = await transportFetch(`${base}/echo`, {
      method: 'PUT',
      body: streamOf('abc'),
      headers: { 'Content-Length': '3' },
    });
    expect(await sized.text()).toBe('PUT abc 3');
    const big = await transportFetch(`${base}/big`);
    let bytes = 0;
    for await (const chunk of big.body!) bytes += chunk.length;
    expect(bytes).toBe(1 << 20);
    expect(big.bodyUsed).toBe(true);
    await expect(big.text()).rejects.toThrow(TypeError);
  });

  it('reads headers case-insensitively, joins repeated ones, and reads a body once', async () => {
    const response = await transportFetch(`${base}/json`, { headers: [['X-Asked', 'yes']] });
    expect(lastSeen().headers['x-asked']).toBe('yes');
    expect(lastSeen().headers['user-agent']).toBe('shipyard');
    expect([response.statusText, response.headers.get('x-custom'), response.headers.has('X-CUSTOM')]).toEqual(
      ['Fine', 'a', true],
    );
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ ok: true });
    await expect(response.arrayBuffer()).rejects.toThrow(/already been read/);
  });

  it('drops credentials on a redirect to another origin and keeps them on the same one', async () => {
    const headers = { authorization: 'Bearer secret', cookie: 'c=1', accept: 'text/plain' };
    await transportFetch(`${base}/redirect?to=/echo`, { headers });
    expect(lastSeen().headers.authorization).toBe('Bearer secret');
    const away = await transportFetch(`${base}/redirect?to=${otherBase}/echo`, { headers });
    expect([away.url, away.redirected]).toEqual([`${otherBase}/echo`, true]);
    expect(lastSeen().headers).toMatchObject({ accept: 'text/plain' });
    expect(lastSeen().headers.authorization).toBeUndefined();
    expect(lastSeen().headers.cookie).toBeUndefined();
  });

  it('honours redirect: manual and error, and stops a redirect loop', async () => {
    const manual = await transportFetch(`${base}/redirect`, { redirect: 'manual' });
    expect([manual.status, manual.headers.get('location')]).toEqual([302, '/json']);
    await expect(transportFetch(`${base}/redirect`, { redirect: 'error' })).rejects.toThrow(TypeError);
    await expect(transportFetch(`${base}/loop`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { message: 'redirect count exceeded' },
    });
    await expect(
      transportFetch(`${base}/redirect?status=307&to=/echo`, { method: 'PUT', body: streamOf('x') }),
    ).rejects.toMatchObject({ cause: { message: /streamed request body/ } });
  });

  it('fails the way fetch does: connection errors with a cause, timeouts with the signal reason', async () => {
    const closed = await new Promise<string>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/`;
        probe.close(() => resolve(url));
      });
    });
    const refused = await transportFetch(closed).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TypeError);
    expect(errorCode(refused)).toBe('ECONNREFUSED');
    await expect(
      transportFetch(`${base}/slow-headers`, { signal: AbortSignal.timeout(100) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    const slow = await transportFetch(`${base}/slow-body`, { signal: AbortSignal.timeout(200) });
    await expect(slow.text()).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('refuses what it does not implement, before sending anything', async () => {
    const before = seen.length;
    await expect(transportFetch(`${base}/echo`, { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(
      /unsupported request body/,
    );
    await expect(transportFetch(`${base}/echo`, { body: 'x' })).rejects.toThrow(/GET\/HEAD/);
    await expect(transportFetch('file:///etc/passwd')).rejects.toThrow(TypeError);
    expect(seen.length).toBe(before);
  });

  it('is a transport for requestWithRetry', async () => {
    const clock: Clock = { now: () => 0, sleep: async () => {} };
    const response = await requestWithRetry(`${base}/flaky`, {}, { fetch: transportFetch, clock });
    expect([response.status, await response.text()]).toEqual([200, 'ok']);
  });
});
