module.exports = {
  displayName: 'unblu',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/packages/unblu',
};
