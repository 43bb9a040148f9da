import { describe, expect, it } from '@jest/globals';
import type { Deployment, Phase } from '../../../actions/deploy-do/src/api.js';
import { failedSteps, StepTracker } from '../../../actions/deploy-do/src/progress.js';
import { adaptivePollDelay, deployHistory, type PollState } from '../../../actions/deploy-do/src/wait.js';

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

describe('failedSteps log type', () => {
  it('goes by step names, not by a component called builder', () => {
    const d: Deployment = {
      id: 'd',
      progress: {
        steps: [
          {
            name: 'deploy',
            status: 'ERROR',
            steps: [
              { name: 'wait', component_name: 'builder', status: 'ERROR', reason: { message: 'unhealthy' } },
            ],
          },
        ],
      },
    };
    expect(failedSteps(d)).toMatchObject([{ component: 'builder', logType: 'DEPLOY', reason: 'unhealthy' }]);
  });
});

describe('adaptivePollDelay', () => {
  const poll = (phase: Phase, sinceChangeMs: number, extra: Partial<PollState> = {}) =>
    adaptivePollDelay({ phase, sinceChangeMs, inPhaseMs: sinceChangeMs, ...extra });

  it('polls within a second where ACTIVE can come next, and backs off during a quiet build', () => {
    expect(poll('DEPLOYING', 60_000)).toBeLessThanOrEqual(1000);
    expect(poll('PENDING_DEPLOY', 0)).toBeLessThanOrEqual(1000);
    expect(poll('BUILDING', 0)).toBeLessThan(poll('BUILDING', 60_000));
    expect(poll('BUILDING', 10 * 60_000)).toBeLessThanOrEqual(8000);
    expect(poll('BUILDING', 10 * 60_000, { deployment: deployment('SUCCESS') })).toBeLessThanOrEqual(1000);
    expect(poll('BUILDING', 10 * 60_000, { deployment: deployment('RUNNING') })).toBeGreaterThan(1000);
  });

  it('relaxes early in a deploy only as far as the shortest recent deploy allows', () => {
    const history = { shortestDeployMs: 40_000 };
    expect(poll('DEPLOYING', 0, { history })).toBe(3000);
    expect(poll('DEPLOYING', 12_000, { history })).toBeCloseTo(1333, 0);
    expect(poll('DEPLOYING', 20_000, { history })).toBeLessThanOrEqual(1000);
    expect(poll('BUILDING', 10 * 60_000, { history: { shortestDeployMs: 6000 } })).toBe(2000);
  });
});

describe('deployHistory', () => {
  it('takes the shortest finished deploy step of recent deployments, given two or more', () => {
    const withDeploy = (id: string, seconds: number): Deployment => ({
      id,
      progress: {
        steps: [
          {
            name: 'deploy',
            status: 'SUCCESS',
            started_at: '2026-01-01T00:00:00Z',
            ended_at: new Date(Date.parse('2026-01-01T00:00:00Z') + seconds * 1000).toISOString(),
          },
        ],
      },
    });
    expect(deployHistory([withDeploy('a', 50), withDeploy('b', 30), { id: 'c' }])).toEqual({
      shortestDeployMs: 30_000,
    });
    expect(deployHistory([withDeploy('a', 50)])).toEqual({});
  });
});
