// SPDX-License-Identifier: Apache-2.0
// The CLI as bin/benchtop.js runs it: src/main/cli and what it imports, bundled. Loaded from
// tsc's output, `benchtop flash` resolves and reads some 330 files (ours, zod, commander,
// partitioninfo, balena-image-fs…) before its request exists, and on a busy two-core machine
// that is a quarter of a second before the first byte. Bundled, it reads a few.
// Output: dist/main/bundle/cli.mjs and its chunks beside it (what only some commands need, as
// before). They sit three folders under the package root, like every file of dist/main, so
// app/package-root.ts finds the package from inside the bundle too.
//
// The desktop app keeps tsc's output (dist/main/electron/main.js); this bundle is the CLI's.
// Left outside: what the writer's bundle leaves out (native addons, ext2fs, fatfs), the other
// native addons (serialport, ssh2's optional helper) and what only optional hardware support
// requires.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { unusedConfiguredSource, WRITER_EXTERNALS } from './build-writer.js';

const CLI_EXTERNALS = [
  ...WRITER_EXTERNALS,
  'electron',
  // Native: it finds its .node file through `bindings`, which reads __filename (none in an ES module).
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  'ssh2',
  'cpu-features',
  'dockerode',
  'docker-modem',
  // etcher-sdk's scanner adapters for hardware Benchtop does not drive: optional there too.
  'winusb-driver-generator',
  'node-raspberrypi-usbboot',
  '@balena/node-beaglebone-usbboot',
  // Emscripten output that finds its own files through __dirname, which an ES module lacks.
  '@balena/node-crc-utils',
];

/**
 * zod's namespace (`z`) re-exports its messages in some fifty languages, half the size of zod
 * in the bundle, and Benchtop speaks English only (the default zod sets up itself). Every
 * CLI command loads the contract, so each run compiled them: the bundle keeps English alone.
 */
const englishZodOnly = {
  name: 'english-zod-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core|mini)$/.test(args.resolveDir)
        ? { path: join(args.resolveDir, '../locales/index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** Vendored files whose licence must travel with the bundle that now holds them. */
const VENDORED = [{ from: 'src/main/push/project/compose-spec', names: ['LICENSE', 'NOTICE'] }];

export async function buildCli(outdir = 'dist/main/bundle') {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { cli: 'src/main/cli/index.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    // Chunks beside the entry, not in a subfolder: see package-root above.
    chunkNames: '[name]-[hash]',
    external: CLI_EXTERNALS,
    // A root CLI writes in its own process (in-process-writer.ts): the same stand-in as the
    // writer's, so a flash with a bmap does not load balena-image-fs, fatfs and ext2fs.
    plugins: [unusedConfiguredSource, englishZodOnly],
    banner: {
      js: "import { createRequire as __benchtopRequire } from 'node:module';\nconst require = __benchtopRequire(import.meta.url);",
    },
    legalComments: 'linked',
    logLevel: 'warning',
  });
  for (const { from, names } of VENDORED) {
    const to = join(outdir, 'compose-spec');
    mkdirSync(to, { recursive: true });
    for (const name of names) copyFileSync(join(from, name), join(to, name));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();
