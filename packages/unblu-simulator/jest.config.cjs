module.exports = {
  displayName: 'unblu-simulator',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/packages/unblu-simulator',
};
