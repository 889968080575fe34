const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('node:path');

/**
 * The webpack config of a Node app in apps/<name>: bundles the app's code and the workspace libraries into
 * dist/apps/<name>/main.js; node_modules stay external (installed in the image).
 */
module.exports = function nodeAppConfig(appDir) {
  return {
    output: { path: join(__dirname, '../../dist/apps', basename(appDir)), clean: true },
    devtool: 'source-map',
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
      }),
    ],
  };
};
