// SPDX-License-Identifier: Apache-2.0
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/livesync/*.bench.ts'],
    fileParallelism: false,
    testTimeout: 1_800_000,
    hookTimeout: 900_000,
    reporters: ['default'],
  },
});
