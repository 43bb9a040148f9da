// shipyard's sample app: one file, no dependencies, Node >= 20.
// Serves its version and MicroProfile-style health endpoints; see README.md for the settings.
import { createServer } from 'node:http';

const startedAt = Date.now();
const settings = {
  port: Number(process.env.PORT ?? 8080),
  host: process.env.HOST || '127.0.0.1',
  version: process.env.APP_VERSION || 'dev',
  sha: process.env.GIT_SHA || 'unknown',
  readyAfterMs: Number(process.env.READY_AFTER_MS || 0),
  databaseDown: process.env.DATABASE_DOWN === '1',
};

function databaseCheck() {
  const waitedMs = Date.now() - startedAt;
  if (settings.databaseDown)
    return { name: 'database', status: 'DOWN', data: { error: 'connection refused (DATABASE_DOWN=1)' } };
  if (waitedMs < settings.readyAfterMs)
    return {
      name: 'database',
      status: 'DOWN',
      data: { error: 'still connecting', readyInMs: settings.readyAfterMs - waitedMs },
    };
  return { name: 'database', status: 'UP', data: { connectedAfterMs: settings.readyAfterMs } };
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(text);
}

const routes = {
  '/': () => [200, { version: settings.version, sha: settings.sha }],
  '/version': () => [200, { version: settings.version, sha: settings.sha }],
  '/health/live': () => [200, { status: 'UP' }],
  '/health/ready': () => {
    const checks = [databaseCheck()];
    const up = checks.every((c) => c.status === 'UP');
    return [up ? 200 : 503, { status: up ? 'UP' : 'DOWN', checks }];
  },
};

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://app').pathname;
  const route = routes[path];
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendJson(res, 405, { error: 'method not allowed' });
  if (!route) return sendJson(res, 404, { error: `no route ${path}` });
  const [status, body] = route();
  sendJson(res, status, body);
});

server.listen(settings.port, settings.host, () => {
  const { address, port } = server.address();
  console.log(`sample-app ${settings.version} (${settings.sha}) listening on http://${address}:${port}`);
});

// Containers stop with SIGTERM: finish in-flight requests, then exit.
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
  });
