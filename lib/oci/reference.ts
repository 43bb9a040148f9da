// Image references as docker spells them: [registry/]repository[:tag][@digest].
// A first component with a dot, a colon or `localhost` is a registry; otherwise docker.io.

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';

export interface ImageReference {
  /** Registry host[:port] as written (docker.io when none). */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** True when upper case letters were lowered (GHCR and the reference grammar require lower case). */
  lowered: boolean;
}

export class InvalidReferenceError extends Error {
  constructor(
    readonly reference: string,
    readonly reason: string,
  ) {
    super(`invalid image reference '${reference}': ${reason}`);
    this.name = 'InvalidReferenceError';
  }
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/;

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

export function isValidDigest(digest: string): boolean {
  return DIGEST.test(digest);
}

/** Why a tag is not valid, or undefined when it is. */
export function tagProblem(tag: string): string | undefined {
  if (!tag) return 'a tag cannot be empty';
  if (tag.length > 128) return `a tag has at most 128 characters, this one has ${tag.length}`;
  if (!TAG.test(tag))
    return 'a tag uses only letters, digits, `_`, `.` and `-`, and does not start with `.` or `-`';
  return undefined;
}

function splitRegistry(name: string): [string, string] {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return [first.toLowerCase(), name.slice(slash + 1)];
  return [DOCKER_HUB, name];
}

export function parseReference(text: string): ImageReference {
  const input = text.trim();
  if (!input) throw new InvalidReferenceError(text, 'it is empty');
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isValidDigest(digest))
      throw new InvalidReferenceError(text, `'${digest}' is not a digest like sha256:<64 hex digits>`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    const problem = tagProblem(tag);
    if (problem) throw new InvalidReferenceError(text, problem);
  }
  const [registry, path] = splitRegistry(rest);
  if (!HOST.test(registry)) throw new InvalidReferenceError(text, `'${registry}' is not a registry host`);
  const lowered = path !== path.toLowerCase();
  let repository = path.toLowerCase();
  if (!repository) throw new InvalidReferenceError(text, 'the repository name is empty');
  const bad = repository.split('/').find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined)
    throw new InvalidReferenceError(
      text,
      `'${bad}' is not a valid name component (lower-case letters and digits, separated by '.', '_', '__' or '-')`,
    );
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (repository.length > 255)
    throw new InvalidReferenceError(text, 'the repository name exceeds 255 characters');
  return { registry, repository, tag, digest, lowered };
}

/** registry/repository, without tag or digest. */
export function imageName(ref: Pick<ImageReference, 'registry' | 'repository'>): string {
  return `${ref.registry}/${ref.repository}`;
}

export function formatReference(ref: Omit<ImageReference, 'lowered'>): string {
  return `${imageName(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The notice to show when a name was lowered, or undefined. */
export function loweredNotice(original: string, ref: ImageReference): string | undefined {
  if (!ref.lowered) return undefined;
  return `Image name '${original.trim()}' lowered to '${imageName(ref)}': registries such as GHCR require lower-case repository names.`;
}

function hostOnly(registry: string): string {
  if (registry.startsWith('[')) return registry.slice(0, registry.indexOf(']') + 1);
  return registry.replace(/:\d+$/, '');
}

/** localhost and 127.0.0.0/8 are spoken to over plain HTTP, as docker does; all else over HTTPS. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = hostOnly(registry).toLowerCase();
  return host === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function registryBaseUrl(registry: string): string {
  const host = registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
  return `${isLoopbackRegistry(registry) ? 'http' : 'https'}://${host}`;
}
