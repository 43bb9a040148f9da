// The committed bundle, run the way the runner runs it.
import { describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runAction } from '../../local/run-action.js';
import { strictCycloneDxErrors } from '../helpers/cyclonedx-strict.js';

describe('dist/sbom', () => {
  it("writes validated CycloneDX and SPDX SBOMs of this repository's package-lock.json", async () => {
    const result = await runAction('sbom', {
      inputs: { path: 'package-lock.json', format: 'cyclonedx-json, spdx-json' },
      env: { GITHUB_REPOSITORY: 'acme/shipyard' },
      timeoutMs: 60_000,
    });
    expect([result.code, result.stderr]).toEqual([0, '']);
    const files = result.outputs['sbom-file'].split('\n');
    expect(files.map((f) => f.split('/').pop())).toEqual([
      'sbom-package-lock.json.cdx.json',
      'sbom-package-lock.json.spdx.json',
    ]);
    expect(await strictCycloneDxErrors(readFileSync(files[0], 'utf8'))).toBeNull();
    const bom = JSON.parse(readFileSync(files[0], 'utf8'));
    expect(bom.components).toHaveLength(Number(result.outputs['component-count']));
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    expect(Number(result.outputs['component-count'])).toBeGreaterThan(Object.keys(lock.packages).length / 2);
    expect(result.summary).toContain('### SBOM of acme/shipyard');
    rmSync(result.workDir, { recursive: true, force: true });
  });

  it('bad input: ::error:: naming the input, exit code 1, no outputs', async () => {
    const result = await runAction('sbom', { inputs: { path: '.', format: 'xml' }, timeoutMs: 30_000 });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "::error::Input 'format': expected 'cyclonedx-json', 'spdx-json' or both",
    );
    expect(result.outputs).toEqual({});
    rmSync(result.workDir, { recursive: true, force: true });
  });
});
