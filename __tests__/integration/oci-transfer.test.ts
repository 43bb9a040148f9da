// A blob download's time limit covers reading its body, so it must grow with the blob's size:
// a cross-registry promotion of a large layer must not be cut off after the per-request timeout.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryClient, digestOf } from '../../lib/oci/index.js';

const blob = Buffer.from('a slowly served layer');
const digest = digestOf(blob);
let server: Server;
let host: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/v2/') return void res.writeHead(200).end('{}');
    res.writeHead(200, { 'content-length': String(blob.length) });
    res.write(blob.subarray(0, 4));
    setTimeout(() => res.end(blob.subarray(4)), 700);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function read(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('RegistryClient.getBlob time limit', () => {
  const client = () => new RegistryClient({ registry: host, timeoutMs: 300, retry: { attempts: 1 } });

  it('gives a blob of known size time to arrive beyond the per-request timeout', async () => {
    expect(await read(await client().getBlob('app', digest, blob.length))).toEqual(blob);
  });

  it('keeps the per-request timeout when the size is not given', async () => {
    await expect(client().getBlob('app', digest).then(read)).rejects.toThrow();
  });
});
