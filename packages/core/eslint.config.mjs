import base, { ioLibraries } from '../../eslint.config.mjs';

export default [
  ...base,
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ioLibraries.map((name) => ({ name, message: 'core reaches the world through its ports only' })) },
      ],
    },
  },
];
