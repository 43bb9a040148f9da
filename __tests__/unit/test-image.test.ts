// The buildah test-image helper keeps registry passwords off command lines (and so out of errors).
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import type { Exec } from '../../lib/exec.js';
import { buildahSandbox, pushTestImage } from '../../local/test-image.js';

describe('pushTestImage', () => {
  it('passes credentials in an auth file, not as arguments', async () => {
    const calls: string[][] = [];
    const run: Exec = async (_command, args) => {
      calls.push(args);
      const digestFile = args[args.indexOf('--digestfile') + 1];
      if (args.includes('push')) writeFileSync(digestFile, `sha256:${'d'.repeat(64)}`);
      return { code: 0, stdout: '', stderr: '' };
    };
    const sandbox = buildahSandbox(run);
    try {
      const pushed = await pushTestImage({
        registryHost: '127.0.0.1:5000',
        repository: 'owner/app',
        tag: 'v1',
        credentials: { username: 'me', password: 'hunter2-token' },
        sandbox,
      });
      expect(pushed.digest).toBe(`sha256:${'d'.repeat(64)}`);
      expect(calls.flat().join(' ')).not.toContain('hunter2-token');
      expect(calls.find((args) => args.includes('push'))).toContain('--authfile');
    } finally {
      await sandbox.cleanup();
    }
  });
});
