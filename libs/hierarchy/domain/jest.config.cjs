module.exports = {
  displayName: 'hierarchy-domain',
  preset: '../../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../../coverage/libs/hierarchy/domain',
};
