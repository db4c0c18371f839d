// SPDX-License-Identifier: Apache-2.0
// etcher-sdk's compressed sources and HTTP. Importing each compressed source registers its
// type for etcher-sdk's detection (getInnerSource). They pull in axios, lzma-native and
// unzip-stream's polyfills, about a quarter of what the writer loads: only images that are
// compressed (or downloaded) load this module, through ../image/open-image.ts.
export { BZip2Source } from 'etcher-sdk/build/source-destination/bzip2.js';
export { GZipSource } from 'etcher-sdk/build/source-destination/gzip.js';
export { Http } from 'etcher-sdk/build/source-destination/http.js';
export { XzSource } from 'etcher-sdk/build/source-destination/xz.js';
export { ZipSource, matchSupportedExtensions } from 'etcher-sdk/build/source-destination/zip.js';
