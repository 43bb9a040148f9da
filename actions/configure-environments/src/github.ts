// The few GitHub REST endpoints environment protection needs: users and teams (to turn
// reviewer names into ids), environments, and deployment branch (and tag) policies.
import type { Clock } from '../../../lib/clock.js';
import { requestWithRetry, type Fetch } from '../../../lib/http.js';
import type { RefRule } from './config.js';

export interface Repository {
  owner: string;
  name: string;
}

export interface BranchPolicy extends RefRule {
  id: number;
}

export interface EnvironmentBody {
  wait_timer: number;
  prevent_self_review: boolean;
  reviewers: { type: 'User' | 'Team'; id: number }[];
  deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
}

export class GitHubError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${method} ${path} answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'GitHubError';
  }
}

interface PolicyPage {
  total_count: number;
  branch_policies: { id: number; name: string; type?: string }[];
}

const PAGE_SIZE = 100; // the most GitHub returns per page
const MAX_PAGES = 50;

export class GitHubApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly io: { fetch?: Fetch; clock?: Clock } = {},
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
    const response = await requestWithRetry(
      this.baseUrl.replace(/\/+$/, '') + path,
      {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${this.token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'shipyard-configure-environments',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: 30_000,
      },
      this.io,
    );
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 300);
      try {
        detail = (JSON.parse(text) as { message?: string }).message ?? detail;
      } catch {
        // not JSON: keep the text
      }
      throw new GitHubError(method, path, response.status, detail);
    }
    return { status: response.status, data: (text ? JSON.parse(text) : undefined) as T };
  }

  async userId(login: string): Promise<number> {
    return (await this.call<{ id: number }>('GET', `/users/${encodeURIComponent(login)}`)).data.id;
  }

  async teamId(org: string, slug: string): Promise<number> {
    const path = `/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}`;
    return (await this.call<{ id: number }>('GET', path)).data.id;
  }

  private environmentPath(repo: Repository, environment: string): string {
    return `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}/environments/${encodeURIComponent(environment)}`;
  }

  /** Creates the environment or replaces its protection rules. */
  async putEnvironment(repo: Repository, environment: string, body: EnvironmentBody): Promise<void> {
    await this.call('PUT', this.environmentPath(repo, environment), body);
  }

  /** Every branch and tag policy; an environment that does not exist yet has none. */
  async listPolicies(repo: Repository, environment: string): Promise<BranchPolicy[]> {
    const policies: BranchPolicy[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const path = `${this.environmentPath(repo, environment)}/deployment-branch-policies?per_page=${PAGE_SIZE}&page=${page}`;
      let data: PolicyPage;
      try {
        ({ data } = await this.call<PolicyPage>('GET', path));
      } catch (error) {
        if (error instanceof GitHubError && error.status === 404 && page === 1) return [];
        throw error;
      }
      for (const p of data.branch_policies)
        policies.push({ id: p.id, name: p.name, type: p.type === 'tag' ? 'tag' : 'branch' });
      if (data.branch_policies.length < PAGE_SIZE || policies.length >= data.total_count) return policies;
    }
    throw new Error(`more than ${MAX_PAGES * PAGE_SIZE} deployment branch policies on ${environment}`);
  }

  async createPolicy(repo: Repository, environment: string, rule: RefRule): Promise<void> {
    const path = `${this.environmentPath(repo, environment)}/deployment-branch-policies`;
    await this.call('POST', path, { name: rule.name, type: rule.type });
  }

  async deletePolicy(repo: Repository, environment: string, id: number): Promise<void> {
    await this.call('DELETE', `${this.environmentPath(repo, environment)}/deployment-branch-policies/${id}`);
  }
}
