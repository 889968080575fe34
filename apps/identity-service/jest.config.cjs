const preset = require('../../jest.preset.js');

module.exports = {
  displayName: 'identity-service',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/apps/identity-service',
  // otplib (used by the tests to compute TOTP codes) loads @noble/* and @scure/*, ES modules only: SWC turns
  // them into CommonJS for Jest (shared toolchain notes, trap 4).
  transform: { '^.+\\.js$': preset.transform['^.+\\.ts$'] },
  // openid-client (the single sign-on relying party), oauth4webapi and jose 6 under it, and oidc-provider (the
  // tests' OpenID provider) are ES modules only as well.
  transformIgnorePatterns: [
    '/node_modules/(?!(@noble|@scure|openid-client|oauth4webapi|jose|oidc-provider)/)',
  ],
};
