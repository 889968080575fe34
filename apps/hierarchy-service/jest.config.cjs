module.exports = {
  displayName: 'hierarchy-service',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/apps/hierarchy-service',
};
