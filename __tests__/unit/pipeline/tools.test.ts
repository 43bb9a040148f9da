import { describe, expect, it } from '@jest/globals';
import { defaultTools, missingTools } from '../../../local/pipeline/tools.js';

describe('missingTools', () => {
  it('is empty when buildah and docker-registry are installed', () => {
    expect(missingTools(defaultTools)).toEqual([]);
  });

  it('names each missing tool with the packages to install', () => {
    const missing = missingTools({ buildah: '/nope/buildah', registry: defaultTools.registry });
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/^buildah is missing \(no \/nope\/buildah\): it builds the image\. /);
    expect(missing[0]).toContain(
      'sudo apt-get update && sudo apt-get install -y buildah docker-registry busybox-static',
    );
  });
});
