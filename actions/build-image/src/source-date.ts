// When the commit being built was made. Building with that time (instead of the clock's) makes a
// rebuild of the same commit byte-identical, so a re-run job finds its `*-<sha>` tags unchanged.
import type { Exec } from '../../../lib/exec.js';
import type { GitHubContext } from '../../../lib/github-context.js';

interface HeadCommit {
  head_commit?: { id?: string; timestamp?: string } | null;
}

/** Seconds since the epoch: the push event's head commit, else `git log`, else undefined. */
export async function commitEpoch(
  context: GitHubContext,
  exec: Exec,
  workspace: string,
): Promise<number | undefined> {
  const head = (context.event as HeadCommit).head_commit;
  if (head?.id === context.commitSha && head.timestamp) {
    const ms = Date.parse(head.timestamp);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  try {
    const git = await exec('git', ['-C', workspace, 'log', '-1', '--format=%ct', context.commitSha], {
      signal: AbortSignal.timeout(10_000),
    });
    const text = git.stdout.trim();
    return git.code === 0 && /^\d+$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}
