// upload-artifact through the bundle against a local stand-in for the runner's artifact service:
// the results service's Twirp API (CreateArtifact, FinalizeArtifact) and the blob storage the
// signed upload URL points to.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runAction } from '../../local/run-action.js';

interface Call {
  method: string;
  path: string;
  body: Buffer;
}

let server: Server;
let base: string;
const calls: Call[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url!, base);
      calls.push({ method: req.method!, path: url.pathname + url.search, body });
      const json = (value: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (url.pathname.endsWith('/CreateArtifact')) {
        const { name } = JSON.parse(body.toString()) as { name: string };
        return json({ ok: true, signed_upload_url: `${base}/blob/${encodeURIComponent(name)}.zip?sig=test` });
      }
      if (url.pathname.endsWith('/FinalizeArtifact')) return json({ ok: true, artifact_id: '4242' });
      if (url.pathname.startsWith('/blob/'))
        return res
          .writeHead(201, {
            etag: '"0x1"',
            'last-modified': new Date().toUTCString(),
            'x-ms-request-id': 'r',
            'x-ms-version': '2025-01-05',
          })
          .end();
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const token = (payload: object) =>
  ['{"alg":"none","typ":"JWT"}', JSON.stringify(payload)]
    .map((p) => Buffer.from(p).toString('base64url'))
    .join('.') + '.sig';

describe('upload-artifact', () => {
  it('uploads both files as one zip under a name unique to the job and matrix leg', async () => {
    calls.length = 0;
    const result = await runAction('sbom', {
      inputs: {
        path: '__tests__/fixtures/sbom/php',
        format: 'cyclonedx-json,spdx-json',
        'upload-artifact': 'true',
        matrix: '{"php":"8.3"}',
      },
      env: {
        GITHUB_JOB: 'sbom',
        ACTIONS_RESULTS_URL: `${base}/`,
        ACTIONS_RUNTIME_TOKEN: token({
          scp: 'Actions.GenericRead Actions.Results:run-backend-1:job-backend-2',
        }),
      },
      timeoutMs: 60_000,
    });
    expect([result.code, result.stderr.replace(/.*ExperimentalWarning.*\n?/g, '')]).toEqual([0, '']);
    const create = calls.find((c) => c.path.endsWith('/CreateArtifact'))!;
    const request = JSON.parse(create.body.toString());
    expect(request.name).toMatch(/^sbom-sbom-[0-9a-f]{8}-__tests__-fixtures-sbom-php$/);
    expect(request.workflow_run_backend_id ?? request.workflowRunBackendId).toBe('run-backend-1');
    expect(result.outputs['artifact-name']).toBe(request.name);
    const blocks = calls.filter((c) => c.path.startsWith('/blob/') && c.path.includes('comp=block&'));
    const zip = Buffer.concat(blocks.map((b) => b.body));
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes(Buffer.from('sbom-php.cdx.json'))).toBe(true);
    expect(zip.includes(Buffer.from('sbom-php.spdx.json'))).toBe(true);
    expect(calls.some((c) => c.path.endsWith('/FinalizeArtifact'))).toBe(true);
    expect(result.stdout).toContain('Uploaded artifact sbom-sbom-');
    expect(result.summary).toContain(`**Artifact:** \`${request.name}\``);
    rmSync(result.workDir, { recursive: true, force: true });
  });
});
