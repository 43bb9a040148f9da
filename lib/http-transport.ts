// fetch() on node:http and node:https, for the shared clients. Node's global fetch loads its
// bundled undici on the first call: about 70 ms here, a large share of an action run that
// otherwise takes a few hundred (bench/sbom.ts). This covers what the clients use: string,
// byte and stream bodies, redirects (credentials dropped across origins, as fetch does), an
// AbortSignal that also cuts off the body, and a Response with status, headers, body, text(),
// json(), arrayBuffer() and bytes(). Bodies are sent and read as they are (no content-encoding).
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable, pipeline } from 'node:stream';
import { byCodeUnit } from './compare.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
/** Statuses whose response has no body at all (fetch gives `body: null`). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
/** Request headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

type Body = Buffer | ReadableStream<Uint8Array> | undefined;

function failed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/** The response headers, read-only, looked up case-insensitively like fetch's Headers. */
export class TransportHeaders {
  private readonly values = new Map<string, string>();

  constructor(raw: IncomingMessage['headers']) {
    for (const [name, value] of Object.entries(raw))
      if (value !== undefined) this.values.set(name, Array.isArray(value) ? value.join(', ') : value);
  }

  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.values.has(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string, headers: TransportHeaders) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  entries(): IterableIterator<[string, string]> {
    return [...this.values].sort(([a], [b]) => byCodeUnit(a, b))[Symbol.iterator]();
  }

  keys(): IterableIterator<string> {
    return [...this.entries()].map(([name]) => name)[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

export class TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: TransportHeaders;
  readonly type = 'basic';
  private readonly hasBody: boolean;
  private stream?: ReadableStream<Uint8Array>;
  private read = false;

  constructor(
    private readonly message: IncomingMessage,
    readonly url: string,
    readonly redirected: boolean,
    method: string,
  ) {
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new TransportHeaders(message.headers);
    this.hasBody = method !== 'HEAD' && !NULL_BODY_STATUSES.has(this.status);
    if (!this.hasBody) message.resume();
  }

  get bodyUsed(): boolean {
    return this.read || this.message.readableDidRead || !!this.stream?.locked;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (!this.hasBody) return null;
    return (this.stream ??= Readable.toWeb(this.message) as ReadableStream<Uint8Array>);
  }

  async bytes(): Promise<Uint8Array> {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.read = true;
    if (!this.hasBody) return new Uint8Array();
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.stream ?? this.message) chunks.push(chunk as Uint8Array);
    return Buffer.concat(chunks);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    const text = Buffer.from(await this.bytes()).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

function requestHeaders(init: RequestInit['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!init) return headers;
  // a Headers object is read through forEach: `instanceof Headers` would load undici
  if (Array.isArray(init)) for (const [name, value] of init) headers[name.toLowerCase()] = value;
  else if (typeof (init as Headers).forEach === 'function')
    (init as Headers).forEach((value, name) => (headers[name.toLowerCase()] = value));
  else
    for (const [name, value] of Object.entries(init as Record<string, string>))
      headers[name.toLowerCase()] = String(value);
  return headers;
}

function requestBody(body: RequestInit['body']): Body {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ReadableStream) return body as ReadableStream<Uint8Array>;
  throw new TypeError(
    `unsupported request body (${Object.prototype.toString.call(body)}): send a string, bytes or a ReadableStream`,
  );
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Body,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const outgoing: OutgoingHttpHeaders = { ...headers };
    if (Buffer.isBuffer(body)) outgoing['content-length'] = body.length;
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method,
      headers: outgoing,
      signal,
    });
    request.once('response', resolve);
    request.once('error', (error) => reject(signal?.aborted ? signal.reason : failed(error)));
    if (body instanceof ReadableStream)
      pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), request, () => {});
    else request.end(body);
  });
}

/** After the headers, an abort errors the body with the signal's reason, as fetch does. */
function cutOffOnAbort(message: IncomingMessage, signal: AbortSignal | undefined): void {
  if (!signal) return;
  const abort = () => message.destroy(signal.reason);
  signal.addEventListener('abort', abort, { once: true });
  message.once('close', () => signal.removeEventListener('abort', abort));
}

function unsupported(input: unknown): never {
  throw new TypeError(
    `unsupported fetch input (${Object.prototype.toString.call(input)}): pass a URL or string`,
  );
}

/** A drop-in for the global fetch for the requests the shared clients make (see the top of the file). */
export async function transportFetch(
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<Response> {
  let url = new URL(typeof input === 'string' || input instanceof URL ? input : unsupported(input));
  let method = (init.method ?? 'GET').toUpperCase();
  const headers = requestHeaders(init.headers);
  headers['user-agent'] ??= 'shipyard';
  let body = requestBody(init.body);
  if (body && (method === 'GET' || method === 'HEAD'))
    throw new TypeError('Request with GET/HEAD method cannot have body.');
  const signal = init.signal ?? undefined;
  for (let redirects = 0; ; redirects++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw failed(new Error(`cannot fetch ${url.protocol} URLs`));
    const message = await send(url, method, headers, body, signal);
    const location = message.headers.location;
    const status = message.statusCode ?? 0;
    if (!REDIRECT_STATUSES.has(status) || !location || init.redirect === 'manual') {
      cutOffOnAbort(message, signal);
      return new TransportResponse(message, url.href, redirects > 0, method) as unknown as Response;
    }
    message.resume();
    if (init.redirect === 'error') throw failed(new Error(`unexpected redirect to ${location}`));
    if (redirects >= MAX_REDIRECTS) throw failed(new Error('redirect count exceeded'));
    const next = new URL(location, url);
    if (status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST') {
      if (method !== 'GET') method = 'GET';
      body = undefined;
      for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language'])
        delete headers[name];
    } else if (body instanceof ReadableStream)
      throw failed(new Error(`cannot follow a ${status} redirect with a streamed request body`));
    if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
    url = next;
  }
}
