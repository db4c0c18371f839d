// SPDX-License-Identifier: Apache-2.0
// The parts of etcher-sdk's sources and destinations that flashing uses, imported by path:
// its index loads every source it has (S3, DMG, USB scanners …), which costs the writer a
// third of a second at every start. The compressed sources and HTTP are in ./compressed.ts,
// loaded only for images that need them (a raw local image never does), and ConfiguredSource
// (ext2fs) in ./configured.ts, loaded only by what reads partitions.
export { BlockDevice } from 'etcher-sdk/build/source-destination/block-device.js';
export { getRootStream } from 'etcher-sdk/build/source-destination/compressed-source.js';
export { File } from 'etcher-sdk/build/source-destination/file.js';
export type { Metadata } from 'etcher-sdk/build/source-destination/metadata.js';
export {
  SourceDestination,
  type CreateReadStreamOptions,
  type CreateSparseReadStreamOptions,
} from 'etcher-sdk/build/source-destination/source-destination.js';
export { SourceSource } from 'etcher-sdk/build/source-destination/source-source.js';
