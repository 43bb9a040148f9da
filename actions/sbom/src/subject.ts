// What an SBOM describes: the repository's source tree or a container image.

export interface SbomSubject {
  kind: 'source' | 'image';
  /** Repository (`owner/name`) or image name without tag/digest. */
  name: string;
  version?: string;
  /** Image manifest digest (`sha256:…`). */
  digest?: string;
  purl?: string;
}
