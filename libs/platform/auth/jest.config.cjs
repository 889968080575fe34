module.exports = {
  displayName: 'platform-auth',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/platform/auth',
};
