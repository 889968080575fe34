module.exports = {
  displayName: 'platform-persistence',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/platform/persistence',
};
