// What /version reports: the Kubernetes version whose API the sandbox serves
// (spec/kubernetes/swagger.json is the 1.36 API).
export const VERSION_INFO = {
  major: '1',
  minor: '36',
  emulationMajor: '1',
  emulationMinor: '36',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '35',
  gitVersion: 'v1.36.0',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-04-22T00:00:00Z',
  goVersion: 'go1.26.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};
