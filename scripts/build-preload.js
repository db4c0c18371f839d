// SPDX-License-Identifier: Apache-2.0
// Electron's sandboxed preloads can require only 'electron' and must be CommonJS: bundle
// preload.ts with the bridge it imports into one script, and mark its folder as CommonJS.
import { writeFileSync } from 'node:fs';
import { build } from 'vite';

const outDir = 'dist/preload/main/electron';
await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: 'src/main/electron/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.js',
    },
    rollupOptions: { external: ['electron'] },
  },
});
writeFileSync('dist/preload/package.json', '{ "type": "commonjs" }\n');
