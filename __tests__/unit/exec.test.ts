import { describe, expect, it } from '@jest/globals';
import { exec } from '../../lib/exec.js';

describe('exec', () => {
  it('survives a program that exits without reading its input', async () => {
    const input = 'x'.repeat(4 << 20);
    for (let round = 0; round < 5; round++)
      expect(await exec('sh', ['-c', 'exit 3'], { input })).toMatchObject({ code: 3 });
  });

  it('passes input and collects output', async () => {
    expect(await exec('cat', [], { input: 'hello' })).toEqual({ code: 0, stdout: 'hello', stderr: '' });
  });
});
