// SPDX-License-Identifier: Apache-2.0
// Electron loads sandboxed preload scripts as CommonJS only; the package is ESM, so the
// preload's output folder gets its own package.json saying so.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

writeFileSync(join(process.argv[2] ?? 'dist/preload', 'package.json'), '{ "type": "commonjs" }\n');
