import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Dependency direction (common <- config <- database <- jobs <- domain libs <- apps): a lib imports other
// libs only through their index (@grants/<lib>), never their files, and never imports an app.
const noDeepImports = {
  patterns: [{ group: ['@grants/*/*'], message: 'Import a lib through its index: @grants/<lib>.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', '.*-dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'profiles/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-restricted-imports': ['error', noDeepImports],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noDeepImports.patterns,
            { group: ['**/apps/**'], message: 'Libraries never import applications.' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@grants/*'], message: 'common depends on no other lib.' }] },
      ],
    },
  },
  {
    files: ['libs/config/**/*.ts', 'libs/database/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@grants/*', '!@grants/common', '!@grants/config'],
              message: 'config and database depend only on common and config.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The portal's one browser script runs in the page, not in Node.
    files: ['apps/api/src/portal/assets/*.mjs'],
    languageOptions: {
      globals: {
        document: 'readonly',
        window: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
