// SPDX-License-Identifier: Apache-2.0
// etcher-sdk as flashing uses it, without loading the whole library (see source-destination.ts).
export * as sourceDestination from './source-destination.js';
export * as sparseStream from './sparse-stream.js';
export * as multiWrite from './multi-write.js';
