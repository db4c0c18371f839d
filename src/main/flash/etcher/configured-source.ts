// SPDX-License-Identifier: Apache-2.0
// Re-exported from an ES module of ours so a dynamic import of it has the same named exports
// when Node loads it (which reads a CommonJS module's names) and in the bundled writer (where a
// dynamic import of CommonJS gives only `default`).
export {
  ConfiguredSource,
  SourceDisk,
} from 'etcher-sdk/build/source-destination/configured-source/configured-source.js';
