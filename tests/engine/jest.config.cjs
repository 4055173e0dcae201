module.exports = {
  displayName: 'engine-tests',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tests/engine',
  testTimeout: 60_000,
};
