// SPDX-License-Identifier: Apache-2.0
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/serial/*.bench.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
