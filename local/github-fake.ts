// A local stand-in for the GitHub REST endpoints the workflows' tools use (users, teams,
// environments, deployment branch policies; deployments and their statuses), on 127.0.0.1. Every request it receives and
// every response it sends is checked against GitHub's published OpenAPI description
// (@octokit/openapi) with local/openapi.ts; each mismatch is recorded in `violations`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { OpenApiValidator } from './openapi.js';
import { repoRoot } from './run-action.js';

export const githubDescription = join(
  repoRoot,
  'node_modules',
  '@octokit',
  'openapi',
  'generated',
  'api.github.com.json',
);

/** Loads GitHub's description (13 MB): do it once per test file. */
export const loadGitHubValidator = () => OpenApiValidator.fromFile(githubDescription);

export interface FakeEnvironment {
  name: string;
  wait_timer: number;
  prevent_self_review: boolean;
  reviewers: { type: 'User' | 'Team'; id: number }[];
  deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  policies: { id: number; name: string; type: 'branch' | 'tag' }[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  status: number;
}

export interface FakeGitHub {
  url: string;
  environments: Map<string, FakeEnvironment>;
  requests: RecordedRequest[];
  violations: string[];
  close(): Promise<void>;
}

export interface FakeGitHubOptions {
  validator: OpenApiValidator;
  token: string;
  /** login → id */
  users?: Record<string, number>;
  /** `org/slug` → id */
  teams?: Record<string, number>;
  /** Deployments (newest last) with their statuses (newest last). */
  deployments?: FakeDeployment[];
}

export interface FakeDeployment {
  id: number;
  sha: string;
  environment: string;
  states: ('error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress')[];
  /** The workflow run whose job made it, and the reusable workflows that run called (`owner/repo/path@ref`). */
  run?: { id: number; workflows: string[] };
}

type Json = Record<string, unknown>;

function example(validator: OpenApiValidator, name: string): Json {
  const examples = validator.doc.components as { examples: Record<string, { value: Json }> };
  return structuredClone(examples.examples[name].value);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const { validator } = options;
  const environments = new Map<string, FakeEnvironment>();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let nextId = 1000;
  let url = '';

  const error = (message: string) => ({ message, documentation_url: 'https://docs.github.com/rest' });

  const environmentJson = (owner: string, repo: string, env: FakeEnvironment): Json => {
    const base = example(validator, 'environment');
    const rules: Json[] = [];
    if (env.wait_timer) rules.push({ id: 1, node_id: 'WT', type: 'wait_timer', wait_timer: env.wait_timer });
    if (env.reviewers.length)
      rules.push({
        id: 2,
        node_id: 'RR',
        type: 'required_reviewers',
        prevent_self_review: env.prevent_self_review,
        reviewers: [],
      });
    if (env.deployment_branch_policy) rules.push({ id: 3, node_id: 'BP', type: 'branch_policy' });
    return {
      ...base,
      name: env.name,
      url: `${url}/repos/${owner}/${repo}/environments/${encodeURIComponent(env.name)}`,
      protection_rules: rules,
      deployment_branch_policy: env.deployment_branch_policy,
    };
  };

  type Handler = (
    params: Record<string, string>,
    body: unknown,
    query: URLSearchParams,
  ) => { status: number; body?: unknown };

  const handlers: Record<string, Handler> = {
    'GET /repos/{owner}/{repo}/deployments': (_params, _body, query) => {
      const matching = (options.deployments ?? [])
        .filter((d) => ['sha', 'environment'].every((k) => !query.has(k) || query.get(k) === d[k as 'sha']))
        .reverse()
        .slice(0, Number(query.get('per_page') ?? 30));
      const [base] = example(validator, 'deployment-items') as unknown as Json[];
      return {
        status: 200,
        body: matching.map((d) => ({ ...base, id: d.id, sha: d.sha, environment: d.environment })),
      };
    },
    'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': (
      { owner, repo, deployment_id },
      _body,
      query,
    ) => {
      const deployment = (options.deployments ?? []).find((d) => String(d.id) === deployment_id);
      if (!deployment) return { status: 404, body: error('Not Found') };
      const [base] = example(validator, 'deployment-status-items') as unknown as Json[];
      const states = [...deployment.states].reverse().slice(0, Number(query.get('per_page') ?? 30));
      const run = deployment.run;
      const jobUrl = run && `https://github.com/${owner}/${repo}/actions/runs/${run.id}/job/${run.id + 1}`;
      const links = jobUrl ? { log_url: jobUrl, target_url: jobUrl } : {};
      return { status: 200, body: states.map((state, i) => ({ ...base, id: i + 1, state, ...links })) };
    },
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}': ({ run_id }) => {
      const run = (options.deployments ?? []).find((d) => String(d.run?.id) === run_id)?.run;
      if (!run) return { status: 404, body: error('Not Found') };
      const referenced = run.workflows.map((path) => ({ path, sha: 'c'.repeat(40) }));
      return {
        status: 200,
        body: { ...example(validator, 'workflow-run'), id: run.id, referenced_workflows: referenced },
      };
    },
    'GET /users/{username}': ({ username }) => {
      const id = options.users?.[username];
      if (id === undefined) return { status: 404, body: error('Not Found') };
      return {
        status: 200,
        body: { ...example(validator, 'public-user-default-response'), login: username, id },
      };
    },
    'GET /orgs/{org}/teams/{team_slug}': ({ org, team_slug }) => {
      const id = options.teams?.[`${org}/${team_slug}`];
      if (id === undefined) return { status: 404, body: error('Not Found') };
      // GitHub's own `team-full` example lacks fields its schema requires; the fake adds them.
      const team = example(validator, 'team-full');
      const organization = { ...(team.organization as Json), archived_at: null };
      return { status: 200, body: { ...team, type: 'organization', organization, slug: team_slug, id } };
    },
    'PUT /repos/{owner}/{repo}/environments/{environment_name}': (
      { owner, repo, environment_name },
      body,
    ) => {
      const b = (body ?? {}) as Partial<FakeEnvironment>;
      const policy = b.deployment_branch_policy;
      if (policy && policy.protected_branches === policy.custom_branch_policies)
        return { status: 422, body: error('exactly one of protected_branches and custom_branch_policies') };
      const previous = environments.get(environment_name);
      const env: FakeEnvironment = {
        name: environment_name,
        wait_timer: b.wait_timer ?? 0,
        prevent_self_review: b.prevent_self_review ?? false,
        reviewers: b.reviewers ?? [],
        deployment_branch_policy: policy ?? null,
        policies: policy?.custom_branch_policies ? (previous?.policies ?? []) : [],
      };
      environments.set(environment_name, env);
      return { status: 200, body: environmentJson(owner, repo, env) };
    },
    'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies': (
      { environment_name },
      _body,
      query,
    ) => {
      const env = environments.get(environment_name);
      if (!env) return { status: 404, body: error('Not Found') };
      const perPage = Number(query.get('per_page') ?? 30);
      const page = Number(query.get('page') ?? 1);
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100 || !Number.isInteger(page) || page < 1)
        violations.push(`GET policies: per_page must be 1..100 and page ≥ 1, got ${query}`);
      const slice = env.policies.slice((page - 1) * perPage, page * perPage);
      return {
        status: 200,
        body: {
          total_count: env.policies.length,
          branch_policies: slice.map((p) => ({ ...p, node_id: `BP${p.id}` })),
        },
      };
    },
    'POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies': (
      { environment_name },
      body,
    ) => {
      const env = environments.get(environment_name);
      if (!env?.deployment_branch_policy?.custom_branch_policies) return { status: 404 };
      const { name, type = 'branch' } = body as { name: string; type?: 'branch' | 'tag' };
      if (env.policies.some((p) => p.name === name && p.type === type)) return { status: 303 };
      const policy = { id: nextId++, name, type };
      env.policies.push(policy);
      return { status: 200, body: { ...policy, node_id: `BP${policy.id}` } };
    },
    'DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}':
      ({ environment_name, branch_policy_id }) => {
        const env = environments.get(environment_name);
        const index = env?.policies.findIndex((p) => String(p.id) === branch_policy_id) ?? -1;
        if (!env || index < 0) return { status: 404, body: error('Not Found') };
        env.policies.splice(index, 1);
        return { status: 204 };
      },
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const target = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = target.pathname + target.search;
    const body = await readBody(req);
    const send = (status: number, payload?: unknown) => {
      requests.push({ method, path, body, status });
      // GitHub's description leaves 401 undescribed on most operations.
      const response =
        status === 401
          ? { valid: true, errors: [] }
          : validator.validateResponse(method, path, status, payload);
      if (!response.valid) violations.push(`${method} ${path} → ${status}: ${response.errors.join('; ')}`);
      res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${options.token}`) return send(401, error('Bad credentials'));
    if (req.headers['x-github-api-version'] !== '2022-11-28')
      violations.push(`${method} ${path}: no X-GitHub-Api-Version: 2022-11-28 header`);
    const match = validator.match(method, path);
    const handler = match && handlers[`${method} ${match.template}`];
    if (!match || !handler) {
      violations.push(`${method} ${path}: not an operation this fake serves`);
      return send(404, error('Not Found'));
    }
    // Every request, GETs included: their query parameters are part of the description too.
    const request = validator.validateRequest(method, path, body);
    if (!request.valid) {
      violations.push(`${method} ${path} request: ${request.errors.join('; ')}`);
      return send(422, error(`Invalid request: ${request.errors.join('; ')}`));
    }
    const result = handler(match.params, body, target.searchParams);
    send(result.status, result.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      violations.push(`${req.method} ${req.url}: the fake failed: ${e.message}`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    environments,
    requests,
    violations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
