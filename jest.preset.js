const path = require('node:path');
const nxPreset = require('@nx/jest/preset').default;

// ESM-only packages that jest (CommonJS mode on Node 20) must transpile instead of ignoring.
const esmOnly = ['inversify', '@inversifyjs', '@signalapp/libsignal-client'];

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Replaces nxPreset.transform (ts-jest) entirely: a merged transform would still ask for ts-jest.
  transform: {
    '^.+\\.(ts|js|mts|mjs|cts|cjs)$': ['@swc/jest', require('./tools/jest/swc-options.cjs')],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // Workspace packages resolve to their TypeScript source, so tests never need a prior build.
  testEnvironmentOptions: { customExportConditions: ['@parley/source', 'node', 'require', 'default'] },
  reporters: ['default', path.join(__dirname, 'tools/jest/summary-reporter.cjs')],
};
