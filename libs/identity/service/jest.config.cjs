const preset = require('../../../jest.preset.js');

module.exports = {
  displayName: 'identity-service-module',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/identity/service',
  // otplib's default plugins load @noble/hashes and @scure/base, which ship as ES modules only: Node loads
  // them, Jest does not, so SWC turns them into CommonJS (docs: shared toolchain notes, trap 4).
  transform: { '^.+\\.js$': preset.transform['^.+\\.ts$'] },
  transformIgnorePatterns: ['/node_modules/(?!(@noble|@scure)/)'],
};
