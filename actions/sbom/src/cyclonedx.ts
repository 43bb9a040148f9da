// CycloneDX 1.6 JSON through @cyclonedx/cyclonedx-library's model and serialiser.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { byCodeUnit } from '../../../lib/compare.js';
import { classifyLicense } from './license.js';
import { inPurlOrder, type HashAlgorithm, type Package } from './model.js';
import type { SbomSubject } from './subject.js';

const HASH: Record<HashAlgorithm, Enums.HashAlgorithm> = {
  MD5: Enums.HashAlgorithm.MD5,
  'SHA-1': Enums.HashAlgorithm['SHA-1'],
  'SHA-256': Enums.HashAlgorithm['SHA-256'],
  'SHA-384': Enums.HashAlgorithm['SHA-384'],
  'SHA-512': Enums.HashAlgorithm['SHA-512'],
};

function licenses(text: string | undefined): Models.LicenseRepository {
  const repo = new Models.LicenseRepository();
  if (!text) return repo;
  const license = classifyLicense(text);
  if (license.kind === 'id') repo.add(new Models.SpdxLicense(license.id));
  else if (license.kind === 'expression') repo.add(new Models.LicenseExpression(license.expression));
  else repo.add(new Models.NamedLicense(license.name));
  return repo;
}

function component(pkg: Package): Models.Component {
  const hashes = new Models.HashDictionary();
  // one value per algorithm in CycloneDX; the first is the lockfile's primary artefact
  for (const hash of pkg.hashes)
    if (!hashes.has(HASH[hash.algorithm])) hashes.set(HASH[hash.algorithm], hash.content);
  const slash = pkg.name.lastIndexOf('/');
  const grouped = pkg.ecosystem === 'npm' || pkg.ecosystem === 'composer' || pkg.ecosystem === 'golang';
  return new Models.Component(
    Enums.ComponentType.Library,
    grouped && slash > 0 ? pkg.name.slice(slash + 1) : pkg.name,
    {
      bomRef: pkg.purl,
      group: grouped && slash > 0 ? pkg.name.slice(0, slash) : undefined,
      version: pkg.version,
      purl: pkg.purl,
      scope: pkg.scope === 'optional' ? Enums.ComponentScope.Optional : Enums.ComponentScope.Required,
      hashes,
      licenses: licenses(pkg.license),
      properties: new Models.PropertyRepository([new Models.Property('shipyard:found-in', pkg.foundIn)]),
    },
  );
}

export interface SbomDocumentOptions {
  subject: SbomSubject;
  packages: Package[];
  directDependencies: string[];
  tool: { name: string; version: string };
  serialNumber: string;
  timestamp: Date;
}

export function cycloneDxJson(options: SbomDocumentOptions): string {
  const bom = new Models.Bom({ serialNumber: `urn:uuid:${options.serialNumber}` });
  bom.metadata.timestamp = options.timestamp;
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, options.tool.name, {
      version: options.tool.version,
    }),
  );
  const { subject } = options;
  const root = new Models.Component(
    subject.kind === 'image' ? Enums.ComponentType.Container : Enums.ComponentType.Application,
    subject.name,
    {
      bomRef: 'root',
      version: subject.version,
      purl: subject.purl,
      hashes: subject.digest
        ? new Models.HashDictionary([
            [Enums.HashAlgorithm['SHA-256'], subject.digest.replace(/^sha256:/, '')],
          ])
        : undefined,
    },
  );
  bom.metadata.component = root;
  const byPurl = new Map<string, Models.Component>();
  // the library's sortLists would order everything with localeCompare, loading ICU's collator;
  // sorting the inputs by code unit gives the same stable output without it
  const packages = inPurlOrder(options.packages);
  for (const pkg of packages) {
    const c = component(pkg);
    byPurl.set(pkg.purl, c);
    bom.components.add(c);
  }
  for (const pkg of packages)
    for (const dep of [...pkg.dependsOn].sort(byCodeUnit)) {
      const target = byPurl.get(dep);
      if (target && dep !== pkg.purl) byPurl.get(pkg.purl)!.dependencies.add(target.bomRef);
    }
  for (const dep of [...options.directDependencies].sort(byCodeUnit)) {
    const target = byPurl.get(dep);
    if (target) root.dependencies.add(target.bomRef);
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: false, space: 2 });
}
