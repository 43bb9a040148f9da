// Third-party actions the workflows may use, each pinned to the commit of a release tag.
// Every SHA below was read from the action's repository (`git rev-parse <tag>^{commit}`);
// the rules test refuses a pin that is not listed here, so a new pin is verified once, here.
export interface Pin {
  repository: string;
  sha: string;
  version: string;
  /**
   * An input that picks what the action downloads and runs (its default is `latest`), with the
   * value that matches this pin: without it the SHA pins the wrapper, not the code it runs.
   */
  runs?: { input: string; value: string };
}

export const verifiedPins: readonly Pin[] = [
  { repository: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', version: 'v7.0.1' },
  { repository: 'actions/checkout', sha: '08c6903cd8c0fde910a37f88322edcfb5dd907a8', version: 'v5.0.0' },
  { repository: 'actions/setup-node', sha: '249970729cb0ef3589644e2896645e5dc5ba9c38', version: 'v6.5.0' },
  { repository: 'actions/setup-node', sha: '49933ea5288caeca8642d1e84afbd3f7d6820020', version: 'v4.4.0' },
  { repository: 'actions/setup-python', sha: 'ece7cb06caefa5fff74198d8649806c4678c61a1', version: 'v6.3.0' },
  {
    repository: 'actions/upload-artifact',
    sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f',
    version: 'v7.0.0',
  },
  { repository: 'actions/labeler', sha: 'b8dd2d9be0f68b860e7dae5dae7d772984eacd6d', version: 'v6.2.0' },
  {
    repository: 'actions/dependency-review-action',
    sha: '2031cfc080254a8a887f58cffee85186f0e49e48',
    version: 'v4.9.0',
  },
  { repository: 'github/codeql-action', sha: '8aad20d150bbac5944a9f9d289da16a4b0d87c1e', version: 'v4.36.2' },
  {
    repository: 'trufflesecurity/trufflehog',
    sha: 'bcfcf73aaf4759d4dadc2783177c245a02792318',
    version: 'v3.97.0',
    // Its composite step runs the image `ghcr.io/trufflesecurity/trufflehog:<version>`.
    runs: { input: 'version', value: '3.97.0' },
  },
];

/** This project's own repository: its workflows and actions are first party, used by tag. */
export const shipyardRepository = 'shipyard-dev/shipyard';
