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
import { join } from 'node:path';
import { build } from 'esbuild';
import { WRITER_EXTERNALS } from './build-writer.js';

const CLI_EXTERNALS = [
  ...WRITER_EXTERNALS,
  'electron',
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
