module.exports = {
  displayName: 'drills',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tests/drills',
  testTimeout: 90_000,
  // Each drill runs its own host processes and Unblu simulator; two at once fit two cores.
  maxWorkers: 2,
};
