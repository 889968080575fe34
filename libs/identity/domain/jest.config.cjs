module.exports = {
  displayName: 'identity-domain',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/identity/domain',
};
