module.exports = {
  displayName: 'platform-testing',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/platform/testing',
};
