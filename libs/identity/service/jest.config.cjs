const preset = require('../../../jest.preset.js');

module.exports = {
  displayName: 'identity-service-module',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/identity/service',
  // otplib's default plugins load @noble/hashes and @scure/base, which ship as ES modules only: Node loads
  // them, Jest does not, so SWC turns them into CommonJS (docs: shared toolchain notes, trap 4).
  transform: { '^.+\\.js$': preset.transform['^.+\\.ts$'] },
  // openid-client (the single sign-on relying party), oauth4webapi and jose 6 under it, and oidc-provider (the
  // tests' OpenID provider) are ES modules only as well.
  transformIgnorePatterns: [
    '/node_modules/(?!(@noble|@scure|openid-client|oauth4webapi|jose|oidc-provider)/)',
  ],
};
