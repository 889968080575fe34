const preset = require('../../jest.preset.js');

module.exports = {
  displayName: 'identity-service',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/apps/identity-service',
  // otplib (used by the tests to compute TOTP codes) loads @noble/* and @scure/*, ES modules only: SWC turns
  // them into CommonJS for Jest (shared toolchain notes, trap 4).
  transform: { '^.+\\.js$': preset.transform['^.+\\.ts$'] },
  transformIgnorePatterns: ['/node_modules/(?!(@noble|@scure)/)'],
};
