// SPDX-License-Identifier: Apache-2.0
export { SparseReadStream } from 'etcher-sdk/build/sparse-stream/sparse-read-stream.js';
export { blocksLength, type BlocksWithChecksum } from 'etcher-sdk/build/sparse-stream/shared.js';
