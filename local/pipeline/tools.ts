// The machine tools the pipeline drives for real, and how to get them when they are missing.
import { accessSync, constants } from 'node:fs';
import { BUILDAH } from '../test-image.js';
import { REGISTRY_BINARY } from '../registry.js';

export const DEBIAN_PACKAGES = ['buildah', 'docker-registry', 'busybox-static'];
export const defaultTools = { buildah: BUILDAH, registry: REGISTRY_BINARY };

export const INSTALL_HINT =
  `Install Debian's packages: sudo apt-get update && sudo apt-get install -y ${DEBIAN_PACKAGES.join(' ')}` +
  ' (npm run demo does this itself when run as root, in its predemo script).';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** One line per missing tool, each saying how to install it; empty when all are there. */
export function missingTools(tools: { buildah: string; registry: string }): string[] {
  const missing: string[] = [];
  if (!executable(tools.buildah))
    missing.push(`buildah is missing (no ${tools.buildah}): it builds the image. ${INSTALL_HINT}`);
  if (!executable(tools.registry))
    missing.push(
      `docker-registry is missing (no ${tools.registry}): it is the local registry. ${INSTALL_HINT}`,
    );
  return missing;
}
