// SPDX-License-Identifier: Apache-2.0
// The root writer is started once per flash, and its start is on the way to the first byte:
// loaded from tsc's output it resolves and reads some 400 files (etcher-sdk and what it pulls
// in), a third of a second of CPU before it can write. Bundled, it loads a handful of files.
// Output: dist/writer/writer.mjs, plus chunks for what only some runs need (compressed images,
// ext2fs trim, config), loaded on first use as before.
//
// Left outside the bundle: native addons (a .node file cannot be inlined), ext2fs (its
// Emscripten build assigns to a const on a path that never runs, which a bundler refuses) and
// fatfs (sloppy-mode code that reads `this` of a plain call; in an ES module bundle everything
// is strict, and configuring a card failed with "'postAcquire' in undefined").
// They are required at run time from node_modules; in the packaged app from inside app.asar,
// which Electron reads (and whose unpacked .node files it redirects to), so the base of that
// require is the archive even though the writer's own file is the unpacked copy.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

export const WRITER_EXTERNALS = [
  '@ronomon/direct-io',
  'drivelist',
  'ext2fs',
  'fatfs',
  'lzma-native',
  'mountutils',
  'usb',
  'xxhash-addon',
];

/**
 * etcher-sdk's multi-write.js requires ConfiguredSource at load for decompressThenFlash, which
 * Benchtop never calls (it uses pipeSourceToDestinations). That require pulls in
 * balena-image-fs, fatfs and ext2fs, a tenth of the writer's start, even for a flash with a
 * bmap. There, and only there, it gets a stand-in; ConfiguredSource itself stays in the bundle
 * for the trim and config paths, which load it on first use (src/main/flash/etcher/configured.ts).
 */
export const unusedConfiguredSource = {
  name: 'unused-configured-source',
  setup(build) {
    build.onResolve({ filter: /configured-source\/configured-source$/ }, (args) =>
      /etcher-sdk[\\/]build[\\/]multi-write\.js$/.test(args.importer)
        ? { path: 'configured-source', namespace: 'unused' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({
      contents:
        "exports.ConfiguredSource = class { constructor() { throw new Error('decompressThenFlash is not part of the writer'); } };",
      loader: 'js',
    }));
  },
};

const banner = [
  "import { createRequire as __benchtopRequire } from 'node:module';",
  "const require = __benchtopRequire(import.meta.url.replace('/app.asar.unpacked/', '/app.asar/'));",
].join('\n');

export async function buildWriter(outdir = 'dist/writer') {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { writer: 'src/main/flash/writer/writer-process.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    external: WRITER_EXTERNALS,
    banner: { js: banner },
    plugins: [unusedConfiguredSource],
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildWriter();
