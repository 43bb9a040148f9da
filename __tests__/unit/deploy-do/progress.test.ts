import { describe, expect, it } from '@jest/globals';
import type { Deployment } from '../../../actions/deploy-do/src/api.js';
import { failedSteps, StepTracker } from '../../../actions/deploy-do/src/progress.js';
import { adaptivePollDelay } from '../../../actions/deploy-do/src/wait.js';

const deployment = (status: 'RUNNING' | 'SUCCESS' | 'ERROR'): Deployment => ({
  id: 'd',
  progress: {
    steps: [
      {
        name: 'build',
        status: status === 'RUNNING' ? 'RUNNING' : 'SUCCESS',
        steps: [
          {
            name: 'b',
            component_name: 'web',
            message_base: 'Building service',
            status: status === 'RUNNING' ? 'RUNNING' : 'SUCCESS',
            started_at: '2026-01-01T00:00:00Z',
            ended_at: status === 'RUNNING' ? undefined : '2026-01-01T00:01:30Z',
          },
        ],
      },
      {
        name: 'deploy',
        status: status === 'ERROR' ? 'ERROR' : 'PENDING',
        steps: [
          {
            name: 'components',
            status: status === 'ERROR' ? 'ERROR' : 'PENDING',
            steps: [
              {
                name: 'deploy-web',
                component_name: 'web',
                status: status === 'ERROR' ? 'ERROR' : 'PENDING',
                reason:
                  status === 'ERROR'
                    ? { code: 'HealthCheckFailed', message: 'no answer on :8080' }
                    : undefined,
              },
            ],
          },
        ],
      },
    ],
  },
});

describe('StepTracker', () => {
  it('reports steps as they start and finish, once each', () => {
    const tracker = new StepTracker();
    expect(tracker.update(deployment('RUNNING')).map((e) => `${e.kind} ${e.title}`)).toEqual([
      'started build',
      'started Building service web',
    ]);
    expect(tracker.update(deployment('RUNNING'))).toEqual([]);
    const done = tracker.update(deployment('SUCCESS'));
    expect(done.map((e) => `${e.kind} ${e.title}`)).toEqual([
      'succeeded build',
      'succeeded Building service web',
    ]);
    expect(done[1].durationMs).toBe(90_000);
  });
});

describe('failedSteps', () => {
  it('finds the innermost failed step, its component, reason and that DEPLOY logs explain it', () => {
    expect(failedSteps(deployment('ERROR'))).toEqual([
      {
        title: 'deploy-web web',
        component: 'web',
        reason: 'no answer on :8080',
        code: 'HealthCheckFailed',
        logType: 'DEPLOY',
      },
    ]);
  });
});

describe('adaptivePollDelay', () => {
  it('polls within a second where ACTIVE can come next, and backs off during a quiet build', () => {
    expect(adaptivePollDelay('DEPLOYING', 60_000)).toBeLessThanOrEqual(1000);
    expect(adaptivePollDelay('PENDING_DEPLOY', 0)).toBeLessThanOrEqual(1000);
    expect(adaptivePollDelay('BUILDING', 0)).toBeLessThan(adaptivePollDelay('BUILDING', 60_000));
    expect(adaptivePollDelay('BUILDING', 10 * 60_000)).toBeLessThanOrEqual(8000);
  });
});
