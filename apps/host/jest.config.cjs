module.exports = {
  displayName: 'host',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/host',
};
