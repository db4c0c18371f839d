// SPDX-License-Identifier: Apache-2.0
// etcher-sdk's ConfiguredSource and SourceDisk pull in balena-image-fs and ext2fs (an
// Emscripten build): a tenth of a second or more that a writer with a bmap never needs. Only
// what reads partitions (inspect, trim, a config template) loads them, on first use.
import type * as ConfiguredModule from './configured-source.js';
import { loadWithoutForeignHandlers } from './foreign-handlers.js';

type Configured = typeof ConfiguredModule;

let loaded: Promise<Configured> | undefined;

export function loadConfigured(): Promise<Configured> {
  loaded ??= loadWithoutForeignHandlers(() => import('./configured-source.js'));
  return loaded;
}
