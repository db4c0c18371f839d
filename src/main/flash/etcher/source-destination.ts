// SPDX-License-Identifier: Apache-2.0
// The parts of etcher-sdk's sources and destinations that flashing uses, imported by path:
// its index loads every source it has (S3, DMG, USB scanners …), which costs the writer a
// third of a second at every start. Importing each compressed source registers its type.
export { BlockDevice } from 'etcher-sdk/build/source-destination/block-device.js';
export { BZip2Source } from 'etcher-sdk/build/source-destination/bzip2.js';
export { getRootStream } from 'etcher-sdk/build/source-destination/compressed-source.js';
export {
  ConfiguredSource,
  SourceDisk,
} from 'etcher-sdk/build/source-destination/configured-source/configured-source.js';
export { File } from 'etcher-sdk/build/source-destination/file.js';
export { GZipSource } from 'etcher-sdk/build/source-destination/gzip.js';
export { Http } from 'etcher-sdk/build/source-destination/http.js';
export type { Metadata } from 'etcher-sdk/build/source-destination/metadata.js';
export {
  SourceDestination,
  type CreateReadStreamOptions,
  type CreateSparseReadStreamOptions,
} from 'etcher-sdk/build/source-destination/source-destination.js';
export { SourceSource } from 'etcher-sdk/build/source-destination/source-source.js';
export { XzSource } from 'etcher-sdk/build/source-destination/xz.js';
export { ZipSource } from 'etcher-sdk/build/source-destination/zip.js';
