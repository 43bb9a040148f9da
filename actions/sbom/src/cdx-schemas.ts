// The CycloneDX 1.6 JSON schema and the schemas it references, as shipped by
// @cyclonedx/cyclonedx-library (Apache-2.0); bundled so validation needs no files at run time.
// Imported by relative path because the package's exports map does not expose res/.
import bom16 from '../../../node_modules/@cyclonedx/cyclonedx-library/res/schema/bom-1.6.SNAPSHOT.schema.json' with { type: 'json' };
import spdxIds from '../../../node_modules/@cyclonedx/cyclonedx-library/res/schema/spdx.SNAPSHOT.schema.json' with { type: 'json' };
import jsf from '../../../node_modules/@cyclonedx/cyclonedx-library/res/schema/jsf-0.82.SNAPSHOT.schema.json' with { type: 'json' };
import cryptoDefs from '../../../node_modules/@cyclonedx/cyclonedx-library/res/schema/cryptography-defs.SNAPSHOT.schema.json' with { type: 'json' };

export const cycloneDx16Schema: object = bom16;
export const cycloneDxReferencedSchemas: Record<string, object> = {
  'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': spdxIds,
  'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': jsf,
  'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': cryptoDefs,
};
