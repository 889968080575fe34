const preset = require('../../jest.preset.js');

module.exports = {
  displayName: 'standalone',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/apps/standalone',
  // otplib (the test computes TOTP codes) loads @noble/* and @scure/*, ES modules only: SWC makes them
  // CommonJS for Jest (shared toolchain notes, trap 4).
  transform: { '^.+\\.js$': preset.transform['^.+\\.ts$'] },
  transformIgnorePatterns: ['/node_modules/(?!(@noble|@scure)/)'],
};
