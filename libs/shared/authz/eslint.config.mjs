import baseConfig from '../../../eslint.config.mjs';

/**
 * The web app imports this library too, so its sources stay plain TypeScript over @casl/ability:
 * no Node built-ins, no server frameworks, no Node-only globals. Specs may read files.
 */
export default [
  ...baseConfig,
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@casl/ability(/extra)?$)(?!\\.{1,2}/)',
              message: 'libs/shared/authz runs in browsers too: import only @casl/ability and its own files.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'Buffer',
          'require',
          'module',
          '__dirname',
          '__filename',
          'global',
          'setImmediate',
        ].map((name) => ({ name, message: 'Node-only global: libs/shared/authz runs in browsers too.' })),
      ],
    },
  },
];
