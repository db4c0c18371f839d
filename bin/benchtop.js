#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
import { existsSync } from 'node:fs';

// The bundled CLI (scripts/build-cli.js): it starts without resolving hundreds of files.
const entry = new URL('../dist/main/bundle/cli.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('benchtop: not built yet. Run `npm install && npm run build` first.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
