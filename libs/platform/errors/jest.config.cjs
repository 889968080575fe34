module.exports = {
  displayName: 'platform-errors',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/platform/errors',
};
