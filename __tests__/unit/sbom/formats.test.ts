import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cycloneDxJson, type SbomDocumentOptions } from '../../../actions/sbom/src/cyclonedx.js';
import { classifyLicense } from '../../../actions/sbom/src/license.js';
import { scanSource } from '../../../actions/sbom/src/scan.js';
import { spdxJson } from '../../../actions/sbom/src/spdx.js';
import {
  assertUniqueItems,
  SchemaError,
  validateCycloneDx,
  validateSpdx,
} from '../../../actions/sbom/src/validate.js';
import { strictCycloneDxErrors } from '../../helpers/cyclonedx-strict.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const root = resolve(import.meta.dirname, '../../..');
const fixtures = join(root, '__tests__/fixtures/sbom');
/** The official schema as shipped in the action; checked against the project's reference copy below. */
const spdxSchemaCopy = join(root, 'actions/sbom/src/schema/spdx-2.3.schema.json');
const spdxReference = join(root, '../shared/spdx/spdx-2.3.schema.json');

(existsSync(spdxReference) ? it : it.skip)('ships the official SPDX 2.3 schema unchanged', () => {
  expect(JSON.parse(readFileSync(spdxSchemaCopy, 'utf8'))).toEqual(
    JSON.parse(readFileSync(spdxReference, 'utf8')),
  );
});

/** The full official SPDX schema, compiled by ajv (CycloneDX: the library's strict validator). */
function officialSpdx() {
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(spdxSchemaCopy, 'utf8')));
}
const spdxSchema = officialSpdx();

function documentOptions(path: string): SbomDocumentOptions {
  const scan = scanSource(path);
  return {
    subject: { kind: 'source', name: 'owner/repo', version: 'abc123' },
    packages: scan.packages,
    directDependencies: scan.directDependencies,
    tool: { name: 'shipyard-sbom', version: '0.1.0' },
    serialNumber: '3e671687-395b-41f5-a30f-a58921a69b79',
    timestamp: new Date('2026-01-02T03:04:05.678Z'),
  };
}

describe('CycloneDX 1.6 and SPDX 2.3 outputs', () => {
  it.each([['the fixtures'], ["this repository's package-lock.json"]])(
    'validate against the full official schemas (%s)',
    async (which) => {
      const options = documentOptions(which === 'the fixtures' ? fixtures : join(root, 'package-lock.json'));
      const cdx = cycloneDxJson(options);
      expect(await strictCycloneDxErrors(cdx)).toBeNull();
      await expect(validateCycloneDx(cdx)).resolves.toBeUndefined();
      const spdx = JSON.stringify(spdxJson(options));
      expect(spdxSchema(JSON.parse(spdx))).toBe(true);
      await expect(validateSpdx(spdx)).resolves.toBeUndefined();
    },
  );

  it('CycloneDX carries serial number, tool, root component, scopes, hashes, licenses and the graph', () => {
    const bom = JSON.parse(cycloneDxJson(documentOptions(join(fixtures, 'pnpm-v9')))) as {
      serialNumber: string;
      specVersion: string;
      metadata: { timestamp: string; tools: { components: { name: string }[] }; component: { name: string } };
      components: {
        purl: string;
        scope: string;
        group?: string;
        name: string;
        hashes?: unknown[];
        'bom-ref': string;
      }[];
      dependencies: { ref: string; dependsOn?: string[] }[];
    };
    expect(bom.specVersion).toBe('1.6');
    expect(bom.serialNumber).toBe('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    expect(bom.metadata.timestamp).toBe('2026-01-02T03:04:05.678Z');
    expect(bom.metadata.tools.components[0].name).toBe('shipyard-sbom');
    expect(bom.metadata.component.name).toBe('owner/repo');
    expect(bom.components).toHaveLength(7);
    expect(bom.components.find((c) => c.name === 'yaml')!.scope).toBe('optional');
    expect(bom.components.find((c) => c.name === 'ajv')!.hashes).toHaveLength(1);
    const rootDeps = bom.dependencies.find((d) => d.ref === 'root')!.dependsOn!;
    expect(rootDeps.sort()).toEqual([
      'pkg:npm/ajv-formats@3.0.1',
      'pkg:npm/ajv@8.20.0',
      'pkg:npm/yaml@2.9.1',
    ]);
    expect(bom.dependencies.find((d) => d.ref === 'pkg:npm/ajv-formats@3.0.1')!.dependsOn).toEqual([
      'pkg:npm/ajv@8.20.0',
    ]);
  });

  it('CycloneDX lists components and edges in code-unit order, whatever order the scan found them in', () => {
    const options = documentOptions(join(root, 'package-lock.json'));
    const shuffled: SbomDocumentOptions = {
      ...options,
      packages: [...options.packages].reverse().map((p) => ({ ...p, dependsOn: [...p.dependsOn].reverse() })),
      directDependencies: [...options.directDependencies].reverse(),
    };
    const bom = JSON.parse(cycloneDxJson(shuffled)) as {
      components: { purl: string }[];
      dependencies: { ref: string; dependsOn?: string[] }[];
    };
    const purls = bom.components.map((c) => c.purl);
    expect(purls).toEqual([...purls].sort());
    const edges = bom.dependencies.find((d) => d.dependsOn && d.dependsOn.length > 2)!.dependsOn!;
    expect(edges).toEqual([...edges].sort());
    expect(cycloneDxJson(shuffled)).toBe(cycloneDxJson(options));
  });

  it('SPDX lists packages with purls, checksums, DEPENDS_ON and DEV_DEPENDENCY_OF relationships', () => {
    const doc = spdxJson(documentOptions(join(fixtures, 'pnpm-v9'))) as {
      packages: {
        SPDXID: string;
        name: string;
        externalRefs?: { referenceLocator: string }[];
        checksums?: unknown[];
      }[];
      relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
      documentNamespace: string;
    };
    expect(doc.packages).toHaveLength(8);
    const id = (name: string) => doc.packages.find((p) => p.name === name)!.SPDXID;
    expect(doc.relationships).toEqual(
      expect.arrayContaining([
        {
          spdxElementId: 'SPDXRef-DOCUMENT',
          relationshipType: 'DESCRIBES',
          relatedSpdxElement: 'SPDXRef-Root',
        },
        { spdxElementId: 'SPDXRef-Root', relationshipType: 'DEPENDS_ON', relatedSpdxElement: id('ajv') },
        {
          spdxElementId: id('yaml'),
          relationshipType: 'DEV_DEPENDENCY_OF',
          relatedSpdxElement: 'SPDXRef-Root',
        },
        { spdxElementId: id('ajv-formats'), relationshipType: 'DEPENDS_ON', relatedSpdxElement: id('ajv') },
      ]),
    );
    expect(doc.documentNamespace).toMatch(/^https:\/\/.+3e671687-395b-41f5-a30f-a58921a69b79$/);
  });

  it('free-text licenses become NamedLicense in CycloneDX and LicenseRef- in SPDX', async () => {
    const options = documentOptions(join(fixtures, 'php'));
    options.packages = options.packages.map((p, i) => ({
      ...p,
      license: ['Custom Corp License v2', 'MIT OR Apache-2.0', 'mit'][i],
    }));
    const cdx = cycloneDxJson(options);
    expect(await strictCycloneDxErrors(cdx)).toBeNull();
    expect(cdx).toContain('"name": "Custom Corp License v2"');
    expect(cdx).toContain('"expression": "MIT OR Apache-2.0"');
    const spdx = spdxJson(options) as { hasExtractedLicensingInfos: { licenseId: string }[] };
    expect(spdxSchema(spdx)).toBe(true);
    expect(spdx.hasExtractedLicensingInfos[0].licenseId).toBe('LicenseRef-Custom-Corp-License-v2');
  });

  it('the action refuses a document that breaks the schema or repeats an array item', async () => {
    const options = documentOptions(join(fixtures, 'php'));
    const bom = JSON.parse(cycloneDxJson(options));
    bom.components[0].scope = 'sometimes';
    expect(await strictCycloneDxErrors(JSON.stringify(bom))).not.toBeNull();
    await expect(validateCycloneDx(JSON.stringify(bom))).rejects.toThrow(SchemaError);
    bom.components[0].scope = 'required';
    bom.metadata.timestamp = 'yesterday';
    expect(await strictCycloneDxErrors(JSON.stringify(bom))).not.toBeNull();
    await expect(validateCycloneDx(JSON.stringify(bom))).rejects.toThrow(/metadata\/timestamp/);
    bom.metadata.timestamp = options.timestamp.toISOString();
    bom.components.push(bom.components[0]);
    expect(await strictCycloneDxErrors(JSON.stringify(bom))).not.toBeNull();
    await expect(validateCycloneDx(JSON.stringify(bom))).rejects.toThrow(/duplicates an earlier item/);
    expect(
      assertUniqueItems({
        a: [
          { x: 1, y: 2 },
          { y: 2, x: 1 },
        ],
      }),
    ).toEqual(['/a/1 duplicates an earlier item']);
    const spdx = spdxJson(options) as Record<string, unknown>;
    delete spdx.SPDXID;
    await expect(validateSpdx(JSON.stringify(spdx))).rejects.toThrow(/SPDX 2.3/);
  });
});

describe('classifyLicense', () => {
  it.each([
    ['MIT', { kind: 'id', id: 'MIT' }],
    ['apache-2.0', { kind: 'id', id: 'Apache-2.0' }],
    ['MIT License', { kind: 'id', id: 'MIT' }],
    ['(MIT OR Apache-2.0)', { kind: 'expression', expression: 'MIT OR Apache-2.0' }],
    [
      'GPL-2.0-or-later WITH Classpath-exception-2.0',
      { kind: 'expression', expression: 'GPL-2.0-or-later WITH Classpath-exception-2.0' },
    ],
    ['(MIT AND (BSD-3-Clause OR ISC))', { kind: 'expression', expression: 'MIT AND (BSD-3-Clause OR ISC)' }],
    ['LicenseRef-Proprietary', { kind: 'expression', expression: 'LicenseRef-Proprietary' }],
    ['Some custom thing', { kind: 'name', name: 'Some custom thing' }],
    ['MIT OR', { kind: 'name', name: 'MIT OR' }],
  ])('%s', (text, expected) => expect(classifyLicense(text)).toEqual(expected));
});
