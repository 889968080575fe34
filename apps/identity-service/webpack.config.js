const nodeAppConfig = require('../../tools/build/node-app.webpack.cjs');

module.exports = nodeAppConfig(__dirname);
