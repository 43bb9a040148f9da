export const TOOL = {
  name: 'shipyard-sbom',
  version: '0.1.0',
  url: 'https://github.com/shipyard/shipyard/tree/main/actions/sbom',
};
