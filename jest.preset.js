const { join } = require('node:path');
const { default: nxJestPreset } = require('@nx/jest/preset');
const swcOptions = require('./tools/jest/swc-options.cjs');

/** Packages that ship only ES modules; jest runs CommonJS on Node 20, so swc must transpile them. */
const transpiledDependencies = ['inversify', '@inversifyjs', '@signalapp/libsignal-client'];

module.exports = {
  ...nxJestPreset,
  testEnvironment: 'node',
  // Our own transform map replaces the preset's (ts-jest) instead of merging with it.
  transform: { '^.+\\.[cm]?[jt]s$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: [`/node_modules/(?!(?:${transpiledDependencies.join('|')})/)`],
  // `@parley/source` resolves workspace packages to their TypeScript sources: no build before tests.
  testEnvironmentOptions: { customExportConditions: ['@parley/source', 'node', 'require', 'default'] },
  reporters: ['default', join(__dirname, 'tools', 'jest', 'summary-reporter.cjs')],
};
