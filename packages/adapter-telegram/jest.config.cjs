module.exports = {
  displayName: 'adapter-telegram',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/packages/adapter-telegram',
};
