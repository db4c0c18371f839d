// SPDX-License-Identifier: Apache-2.0
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/group/*.bench.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 400_000,
    reporters: ['default'],
  },
});
