import { describe, expect, it } from '@jest/globals';
import type { DeployResult } from '../../../actions/deploy-do/src/deploy.js';
import { summaryMarkdown } from '../../../actions/deploy-do/src/summary.js';

describe('summaryMarkdown', () => {
  it('shows the timeline with durations, and on failure the step, reason and log tail', () => {
    const result: DeployResult = {
      ok: false,
      kind: 'deploy',
      appId: 'app-1',
      appName: 'shop',
      deployment: { id: 'dep-1', cause: 'app spec updated' },
      previousDeploymentId: 'dep-0',
      phase: 'ERROR',
      liveUrl: '',
      logsFile: '/tmp/runner/deploy-do-dep-1.log',
      timeline: [
        { phase: 'PENDING_BUILD', at: 0 },
        { phase: 'BUILDING', at: 4000 },
        { phase: 'ERROR', at: 94_000 },
      ],
      imageChanges: [],
      failure: {
        message: 'Deployment dep-1 failed (ERROR) at Building service web: npm ci exited with 1.',
        steps: [
          {
            title: 'Building service web',
            component: 'web',
            code: 'BuildJobFailed',
            reason: 'npm ci exited with 1',
            logType: 'BUILD',
          },
        ],
        logTail: 'npm ERR! missing script | build',
      },
    };
    const md = summaryMarkdown(result);
    expect(md).toContain('### ❌ Deployment of shop: ERROR');
    expect(md).toContain('| `dep-1` (app spec updated) |');
    expect(md).toContain('| BUILDING | +4.0 s | 1m 30s |');
    expect(md).toContain('| Building service web | web | BuildJobFailed: npm ci exited with 1 |');
    expect(md).toContain('<summary>Last 100 log lines</summary>');
    expect(md).toContain('npm ERR! missing script | build');
  });
});
