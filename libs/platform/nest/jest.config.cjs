module.exports = {
  displayName: 'platform-nest',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/platform/nest',
};
