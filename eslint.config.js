// SPDX-License-Identifier: Apache-2.0
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Boundaries inside src/main, by folder. ESLint matches import strings, not resolved paths, so
// each rule is written per depth below src/main: a file N folders down reaches src/main with N
// `../`. A new capability goes in `capabilities`; a new library any capability may use, in
// `libraries`.
const capabilities = ['flash', 'discover', 'serial', 'push', 'shell', 'inventory', 'users'];
/**
 * Shared by capabilities: the board's Docker client, jobs, settings, dispatch/events, app, host,
 * and streams (what consoles and shells share: the bounded history of their output).
 */
const libraries = ['docker', 'jobs', 'settings', 'contract', 'app', 'host', 'streams'];
const faces = ['cli', 'server', 'electron'];
/**
 * What a face may import from src/main besides src/shared: engine.ts (the CLI's in-process
 * engine, the server, the shell), app/ (version, package root, keep-serving), server/ (`cli
 * serve`, the shell's loopback server, the CLI reading the running server's state file),
 * contract/local-transport.js (the CLI's in-process client), contract/format-zod-error.js and
 * settings/paths.js and settings/write-private-file.js (the server's messages and token
 * file), contract/handlers.js and contract/local-owner.js (who a call comes from: the faces
 * name the caller), users/index.js (the serve checks named users' tokens).
 */
const faceMayImport = [
  'engine\\.js$',
  'app/',
  'server/',
  'contract/(local-transport|format-zod-error|handlers|local-owner)\\.js$',
  'users/index\\.js$',
  'settings/(paths|write-private-file)\\.js$',
];
const up = (depth) => `^(\\.\\./){${depth}}`;
/** An import of a folder of src/main other than those allowed, from `depth` folders down. */
const folderOutside = (depth, allowed) =>
  `${up(depth)}(?!${allowed.join('|')})[^./][^/]*(/|\\.js$)`;
/** The same pattern for `import('…')`; esquery ends a regex at any slash, so none is written. */
const dynamicImport = ({ regex, message }) => ({
  selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`,
  message,
});
const noElectron = { name: 'electron', message: 'Only src/main/electron may import electron.' };

function mainBoundaries() {
  const configs = [];
  // no-restricted-imports sees static imports only; the same patterns hold for import().
  const rule = (files, patterns, paths = [noElectron]) =>
    configs.push({
      files,
      rules: {
        'no-restricted-imports': ['error', { paths, patterns }],
        'no-restricted-syntax': ['error', ...patterns.map(dynamicImport)],
      },
    });
  for (const depth of [1, 2, 3]) {
    const below = (folder) => [`src/main/${folder}/${'*/'.repeat(depth - 1)}*.ts`];
    const noRenderer = {
      regex: `${up(depth + 1)}renderer/`,
      message: 'The engine never imports the renderer.',
    };
    for (const face of faces) {
      rule(
        below(face),
        [
          noRenderer,
          {
            regex: folderOutside(depth, [`${face}/`, ...faceMayImport]),
            message:
              'A face speaks the contract (src/shared) and the engine entry points listed in eslint.config.js, never a capability’s internals.',
          },
        ],
        face === 'electron' ? [] : [noElectron],
      );
    }
    for (const capability of capabilities) {
      const others = capabilities.filter((c) => c !== capability);
      rule(below(capability), [
        noRenderer,
        {
          regex: folderOutside(depth, [
            `${capability}/`,
            ...libraries.map((l) => `${l}/`),
            `(${others.join('|')})/index\\.js$`,
          ]),
          message:
            'A capability imports shared libraries (docker, jobs, settings, contract, app, host, streams) and another capability’s index.ts only.',
        },
      ]);
    }
    for (const library of libraries) {
      rule(below(library), [
        noRenderer,
        {
          regex: `${up(depth)}(${[...capabilities, ...faces].join('|')})/`,
          message: 'A shared library of the engine imports no capability and no face.',
        },
      ]);
    }
  }
  // engine.ts builds every service: it may import each capability's index.ts and the libraries.
  rule(['src/main/engine.ts'], []);
  return configs;
}

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test/e2e/artifacts/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Handlers are async by contract even when their answer is at hand.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...mainBoundaries(),
  {
    // The contract depends on zod alone.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', 'node:*'],
              message: 'src/shared holds the contract only: zod and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer knows the contract and nothing else of main.
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', 'node:*', 'electron'],
              message: 'The renderer talks to main through the contract only.',
            },
          ],
        },
      ],
    },
  },
);
