module.exports = {
  displayName: 'core',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/packages/core',
};
