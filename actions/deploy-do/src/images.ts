// Image references (`registry/repo:tag`, `registry/repo@sha256:...`) and how they land in an
// App Platform image source. App Platform pulls only from GHCR, DOCR and Docker Hub.
import { InputError } from '../../../lib/inputs.js';
import { findComponent, type AppSpec, type ImageSource } from './spec.js';

export interface ImageReference {
  host: string;
  path: string;
  tag?: string;
  digest?: string;
}

export interface ImageAssignment {
  component: string;
  reference: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const DOCKER_HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];
const SOURCE_KEYS = ['git', 'github', 'gitlab', 'bitbucket'];

export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}

/** Parses an image reference; `undefined` when it is malformed. */
export function parseImageReference(text: string): ImageReference | undefined {
  const at = text.indexOf('@');
  const name = at >= 0 ? text.slice(0, at) : text;
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  const repository = colon > slash ? name.slice(0, colon) : name;
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  const parts = repository.split('/');
  const hasHost = parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost');
  const host = hasHost ? parts[0].toLowerCase() : 'docker.io';
  const path = (hasHost ? parts.slice(1) : parts).join('/');
  if (!PATH.test(path)) return undefined;
  return { host, path, tag, digest };
}

/** The registry fields of an App Platform image source for a reference. */
export function registryFields(
  ref: ImageReference,
): Pick<ImageSource, 'registry_type' | 'registry' | 'repository'> {
  const [first, ...rest] = ref.path.split('/');
  if (ref.host === 'ghcr.io') {
    if (!rest.length) return {};
    return { registry_type: 'GHCR', registry: first, repository: rest.join('/') };
  }
  if (ref.host === 'registry.digitalocean.com') {
    // The DOCR registry is the account's own: App Platform wants it left empty.
    if (!rest.length) return {};
    return { registry_type: 'DOCR', repository: rest.join('/') };
  }
  if (DOCKER_HUB_HOSTS.includes(ref.host))
    return rest.length
      ? { registry_type: 'DOCKER_HUB', registry: first, repository: rest.join('/') }
      : { registry_type: 'DOCKER_HUB', registry: 'library', repository: first };
  return {};
}

/** Parses the `images` input lines (`component=reference`), checking each against the spec. */
export function parseImagesInput(lines: string[], spec: AppSpec | undefined): ImageAssignment[] {
  const seen = new Set<string>();
  return lines.map((line) => {
    const eq = line.indexOf('=');
    if (eq <= 0) throw new InputError('images', 'lines `component=registry/repo@sha256:...` or `:tag`', line);
    const component = line.slice(0, eq).trim();
    const reference = line.slice(eq + 1).trim();
    if (seen.has(component)) throw new InputError('images', 'each component named once', component);
    seen.add(component);
    if (spec && !findComponent(spec, component))
      throw new InputError('images', `a component of the app spec (${componentList(spec)})`, component);
    checkReference(reference);
    return { component, reference };
  });
}

function componentList(spec: AppSpec): string {
  const names = ['services', 'workers', 'jobs', 'static_sites', 'functions'].flatMap((k) =>
    ((spec[k] as { name: string }[] | undefined) ?? []).map((c) => c.name),
  );
  return names.length ? names.join(', ') : 'it has none';
}

function checkReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  if (at >= 0 && !DIGEST.test(reference.slice(at + 1)))
    throw new InputError('images', 'a digest of the form `sha256:` and 64 lowercase hex digits', reference);
  const ref = parseImageReference(reference);
  if (!ref)
    throw new InputError(
      'images',
      'an image reference `registry/repository:tag` or `@sha256:<64 hex>`',
      reference,
    );
  if (!ref.tag && !ref.digest)
    throw new InputError('images', 'a reference with a `:tag` or an `@sha256:` digest', reference);
  if (!registryFields(ref).registry_type)
    throw new InputError(
      'images',
      'an image on ghcr.io/<owner>/<name>, registry.digitalocean.com/<registry>/<name> or docker.io ' +
        '(the registries App Platform can pull from; copy the image to one of them first, ' +
        'for example with the build-image action and `promote-from`)',
      reference,
    );
  return ref;
}

/** Points one component at an image; a digest wins over a tag and clears it. */
export function assignImage(spec: AppSpec, assignment: ImageAssignment): void {
  const component = findComponent(spec, assignment.component);
  if (!component) throw new InputError('images', 'a component of the app spec', assignment.component);
  const source = SOURCE_KEYS.find((key) => key in component);
  if (source)
    throw new InputError(
      'images',
      `component '${assignment.component}' to deploy from an image, but the spec builds it from ${source}`,
    );
  const ref = checkReference(assignment.reference);
  const fields = registryFields(ref);
  const existing = (component.image as ImageSource | undefined) ?? {};
  const sameRegistry =
    existing.registry_type === fields.registry_type && existing.registry === fields.registry;
  const image: ImageSource = { ...existing, ...fields };
  if (!fields.registry) delete image.registry;
  if (!sameRegistry) delete image.registry_credentials;
  pin(image, ref.digest ? { digest: ref.digest } : { tag: ref.tag });
  component.image = image;
}

function pin(image: ImageSource, version: { digest: string } | { tag?: string }): void {
  if ('digest' in version) {
    image.digest = version.digest;
    delete image.tag;
    // App Platform allows deploy_on_push only for tags.
    delete image.deploy_on_push;
  } else {
    image.tag = version.tag;
    delete image.digest;
  }
}

export function envSuffix(component: string): string {
  return component.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** Applies IMAGE_DIGEST_<COMPONENT> / IMAGE_TAG_<COMPONENT> to components deployed from an image. */
export function applyImageEnv(
  spec: AppSpec,
  env: Record<string, string | undefined>,
): { component: string; variable: string }[] {
  const applied: { component: string; variable: string }[] = [];
  for (const kind of ['services', 'workers', 'jobs', 'static_sites']) {
    for (const component of (spec[kind] as Record<string, unknown>[] | undefined) ?? []) {
      const image = component.image as ImageSource | undefined;
      if (!image) continue;
      const suffix = envSuffix(String(component.name));
      const digest = env[`IMAGE_DIGEST_${suffix}`]?.trim();
      const tag = env[`IMAGE_TAG_${suffix}`]?.trim();
      if (digest) {
        if (!DIGEST.test(digest))
          throw new InputError(
            `IMAGE_DIGEST_${suffix}`,
            'a digest `sha256:` and 64 lowercase hex digits',
            digest,
          );
        pin(image, { digest });
        applied.push({ component: String(component.name), variable: `IMAGE_DIGEST_${suffix}` });
      } else if (tag) {
        if (!TAG.test(tag)) throw new InputError(`IMAGE_TAG_${suffix}`, 'an image tag', tag);
        pin(image, { tag });
        applied.push({ component: String(component.name), variable: `IMAGE_TAG_${suffix}` });
      }
    }
  }
  return applied;
}

export function describeImage(image: ImageSource | undefined): string {
  if (!image) return '(none)';
  const host =
    image.registry_type === 'GHCR'
      ? `ghcr.io/${image.registry}/`
      : image.registry_type === 'DOCR'
        ? 'registry.digitalocean.com/…/'
        : image.registry
          ? `docker.io/${image.registry}/`
          : '';
  return `${host}${image.repository ?? ''}${image.digest ? '@' + image.digest : ':' + (image.tag ?? 'latest')}`;
}
