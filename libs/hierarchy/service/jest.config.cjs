module.exports = {
  displayName: 'hierarchy-service-module',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/hierarchy/service',
};
