// CycloneDX output checked by @cyclonedx/cyclonedx-library's own strict JSON validator (the full
// official 1.6 schema with its formats, through ajv-formats-draft2019), independent of the
// narrowed schema the action compiles for itself.
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';

let validator: Validation.JsonStrictValidator | undefined;

/** The validator's errors, or null when the document is valid. */
export async function strictCycloneDxErrors(json: string): Promise<unknown> {
  validator ??= new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  return validator.validate(json);
}
