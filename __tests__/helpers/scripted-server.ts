// A real HTTP server on 127.0.0.1 (random port) whose answer to the n-th request is scripted,
// counting every request it gets.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

export interface ScriptedServer {
  url: string;
  port: number;
  hits: Hit[];
  close(): Promise<void>;
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function serve(handler: Handler, port = 0): Promise<ScriptedServer> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    hits.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, at: Date.now() });
    handler(req, res, hits.length);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port that was free a moment ago: nothing listens there, so connections are refused. */
export async function freePort(): Promise<number> {
  const probe = await serve(() => undefined);
  await probe.close();
  return probe.port;
}

/** The servers a test file starts, and responses it holds open, closed after each test. */
export function serverPool() {
  const servers: ScriptedServer[] = [];
  const held: ServerResponse[] = [];
  return {
    held,
    async server(handler: Handler, port = 0): Promise<ScriptedServer> {
      const s = await serve(handler, port);
      servers.push(s);
      return s;
    },
    async closeAll(): Promise<void> {
      held.splice(0).forEach((res) => res.destroy());
      await Promise.all(servers.splice(0).map((s) => s.close()));
    },
  };
}
