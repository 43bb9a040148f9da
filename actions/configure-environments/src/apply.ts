// Applies environment specs through the REST API: every reviewer is resolved to an id first
// (so a misspelt name changes nothing), then each environment is created or updated and its
// branch and tag policies are made exactly the listed ones.
import type { EnvironmentSpec, RefRule, Reviewer } from './config.js';
import type { EnvironmentBody, GitHubApi, Repository } from './github.js';

export interface EnvironmentResult {
  name: string;
  added: RefRule[];
  removed: RefRule[];
}

export interface ApplyOptions {
  dryRun: boolean;
  log: (message: string) => void;
}

const key = (rule: RefRule) => `${rule.type}:${rule.name}`;

async function reviewerIds(api: GitHubApi, repo: Repository, specs: EnvironmentSpec[]) {
  const ids = new Map<string, number>();
  const name = (r: Reviewer) =>
    r.type === 'User' ? `user:${r.login}` : `team:${r.org ?? repo.owner}/${r.slug}`;
  for (const reviewer of specs.flatMap((s) => s.reviewers)) {
    if (ids.has(name(reviewer))) continue;
    try {
      const id =
        reviewer.type === 'User'
          ? await api.userId(reviewer.login)
          : await api.teamId(reviewer.org ?? repo.owner, reviewer.slug);
      ids.set(name(reviewer), id);
    } catch (error) {
      throw new Error(
        `Reviewer ${name(reviewer)} could not be resolved (${(error as Error).message}); nothing was changed.`,
      );
    }
  }
  return (r: Reviewer) => ids.get(name(r))!;
}

export function environmentBody(spec: EnvironmentSpec, idOf: (r: Reviewer) => number): EnvironmentBody {
  const refs = spec.deploymentRefs;
  return {
    wait_timer: spec.waitTimerMinutes,
    prevent_self_review: spec.preventSelfReview,
    reviewers: spec.reviewers.map((r) => ({ type: r.type, id: idOf(r) })),
    deployment_branch_policy:
      refs === 'all'
        ? null
        : { protected_branches: refs === 'protected', custom_branch_policies: refs !== 'protected' },
  };
}

export async function applyEnvironments(
  api: GitHubApi,
  repo: Repository,
  specs: EnvironmentSpec[],
  options: ApplyOptions,
): Promise<EnvironmentResult[]> {
  const idOf = await reviewerIds(api, repo, specs);
  const results: EnvironmentResult[] = [];
  for (const spec of specs) {
    const body = environmentBody(spec, idOf);
    options.log(`${options.dryRun ? 'Would set' : 'Setting'} ${spec.name}: ${JSON.stringify(body)}`);
    if (!options.dryRun) await api.putEnvironment(repo, spec.name, body);
    const result: EnvironmentResult = { name: spec.name, added: [], removed: [] };
    if (Array.isArray(spec.deploymentRefs)) {
      const wanted = new Map(spec.deploymentRefs.map((rule) => [key(rule), rule]));
      const existing = await api.listPolicies(repo, spec.name);
      for (const policy of existing)
        if (!wanted.delete(key(policy))) {
          options.log(`${options.dryRun ? 'Would remove' : 'Removing'} ${spec.name} policy ${key(policy)}`);
          if (!options.dryRun) await api.deletePolicy(repo, spec.name, policy.id);
          result.removed.push({ type: policy.type, name: policy.name });
        }
      for (const rule of wanted.values()) {
        options.log(`${options.dryRun ? 'Would add' : 'Adding'} ${spec.name} policy ${key(rule)}`);
        if (!options.dryRun) await api.createPolicy(repo, spec.name, rule);
        result.added.push(rule);
      }
    }
    results.push(result);
  }
  return results;
}
