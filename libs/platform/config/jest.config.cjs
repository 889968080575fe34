module.exports = {
  displayName: 'platform-config',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/platform/config',
};
