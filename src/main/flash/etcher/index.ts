// SPDX-License-Identifier: Apache-2.0
// etcher-sdk as flashing uses it, without loading the whole library (see source-destination.ts).
// foreign-handlers.js must stay the first import: it records the process listeners before
// etcher-sdk's modules are evaluated.
import { removeListenersAddedByLoading } from './foreign-handlers.js';

export * as sourceDestination from './source-destination.js';
export * as sparseStream from './sparse-stream.js';
export * as multiWrite from './multi-write.js';

removeListenersAddedByLoading();
