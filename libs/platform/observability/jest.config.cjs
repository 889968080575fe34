module.exports = {
  displayName: 'platform-observability',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/platform/observability',
};
