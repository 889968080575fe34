module.exports = {
  displayName: 'shared-authz',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/shared/authz',
};
