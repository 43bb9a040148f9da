import { describe, expect, it } from '@jest/globals';
import { buildahBudArgs, buildxArgs, type BuildSpec } from '../../../actions/build-image/src/builders.js';
import { commitEpoch } from '../../../actions/build-image/src/source-date.js';
import type { Exec } from '../../../lib/exec.js';
import { parseReference } from '../../../lib/oci/reference.js';
import { SHA, contextFor } from './context.js';

const gitSays = (stdout: string, code = 0): Exec & { calls: string[][] } => {
  const calls: string[][] = [];
  const run = (async (command: string, args: string[]) => {
    calls.push([command, ...args]);
    return { code, stdout, stderr: '' };
  }) as Exec & { calls: string[][] };
  run.calls = calls;
  return run;
};

describe('commitEpoch', () => {
  it("takes the push event's head commit time without running git", async () => {
    const git = gitSays('1');
    const context = contextFor({
      event: { head_commit: { id: SHA, timestamp: '2026-11-30T09:14:07+01:00' } },
    });
    expect(await commitEpoch(context, git, '/ws')).toBe(Date.UTC(2026, 10, 30, 8, 14, 7) / 1000);
    expect(git.calls).toEqual([]);
  });

  it('asks git for the commit otherwise, and gives up quietly when git cannot say', async () => {
    const git = gitSays('1764490447\n');
    expect(await commitEpoch(contextFor(), git, '/ws')).toBe(1764490447);
    expect(git.calls).toEqual([['git', '-C', '/ws', 'log', '-1', '--format=%ct', SHA]]);
    expect(await commitEpoch(contextFor(), gitSays('', 128), '/ws')).toBeUndefined();
    const missing: Exec = async () => {
      throw Object.assign(new Error('spawn git ENOENT'), { code: 'ENOENT' });
    };
    expect(await commitEpoch(contextFor(), missing, '/ws')).toBeUndefined();
  });
});

describe('builder timestamps from the commit', () => {
  const spec: BuildSpec = {
    context: '/src',
    file: '/src/Dockerfile',
    image: parseReference('ghcr.io/acme/shop'),
    tags: ['staging-latest'],
    labels: {},
    buildArgs: [],
    platforms: [],
    cache: 'none',
    push: true,
    workDir: '/tmp/w',
    sourceDateEpoch: 1764490447,
  };

  it('buildah sets every timestamp to the commit time', () => {
    const args = buildahBudArgs(spec, '/s', '/tmp/w/iid');
    expect(args.slice(args.indexOf('--timestamp'), args.indexOf('--timestamp') + 2)).toEqual([
      '--timestamp',
      '1764490447',
    ]);
    expect(buildahBudArgs({ ...spec, sourceDateEpoch: undefined }, '/s', '/tmp/w/iid')).not.toContain(
      '--timestamp',
    );
  });

  it('buildx gets SOURCE_DATE_EPOCH unless the user set it', () => {
    expect(buildxArgs(spec, '/m.json')).toContain('SOURCE_DATE_EPOCH=1764490447');
    const own = buildxArgs({ ...spec, buildArgs: [['SOURCE_DATE_EPOCH', '0']] }, '/m.json');
    expect(own.filter((a) => a.startsWith('SOURCE_DATE_EPOCH='))).toEqual(['SOURCE_DATE_EPOCH=0']);
  });
});
