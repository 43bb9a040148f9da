// Direct dependencies of a JavaScript project from its package.json, for lockfiles that do
// not record which packages are dev-only (yarn.lock).

export interface ManifestRoots {
  prod: Record<string, string>;
  dev: Record<string, string>;
}

export function manifestRoots(packageJson: string | undefined): ManifestRoots | undefined {
  if (!packageJson) return undefined;
  try {
    const manifest = JSON.parse(packageJson) as Record<string, Record<string, string> | undefined>;
    return {
      prod: { ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies },
      dev: { ...manifest.devDependencies },
    };
  } catch {
    return undefined;
  }
}
