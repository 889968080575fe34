import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/**
 * Module boundaries (see docs/architecture.md). `type:*` gives the layering, `scope:*` keeps services apart:
 * a service reaches another only through `scope:shared` contracts and Kafka events.
 */
const depConstraints = [
  // type:testing holds test fixtures (databases, brokers); every layer's tests may use it.
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:testing'] },
  // Infrastructure may build on infrastructure (persistence on messaging); Nx refuses cycles.
  {
    sourceTag: 'type:infra',
    onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:infra', 'type:testing'],
  },
  {
    sourceTag: 'type:nest',
    onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:infra', 'type:testing'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: [
      'type:util',
      'type:contracts',
      'type:infra',
      'type:nest',
      'type:domain',
      'type:testing',
    ],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:util',
      'type:contracts',
      'type:infra',
      'type:nest',
      'type:feature',
      'type:testing',
    ],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:shared', 'scope:platform'] },
  {
    sourceTag: 'scope:hierarchy',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:platform', 'scope:hierarchy'],
  },
  {
    sourceTag: 'scope:identity',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:platform', 'scope:identity'],
  },
  {
    // The single-process mode hosts every service module; it is the only project allowed to see them all.
    sourceTag: 'scope:standalone',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:platform', 'scope:hierarchy', 'scope:identity'],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.nx',
      'coverage',
      'deploy',
      'tools/kafka',
      'tools/bench/.scratch',
    ],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints,
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  prettier,
];
