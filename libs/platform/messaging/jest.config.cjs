module.exports = {
  displayName: 'platform-messaging',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/platform/messaging',
};
