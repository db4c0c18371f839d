// SPDX-License-Identifier: Apache-2.0
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    expect: {
      // A test that asserts nothing is a defect: vitest fails it.
      requireAssertions: true,
      // Tests wait on a state, not a guess of how long it takes: on a busy 2-core machine a
      // pane or a board can take seconds to settle, so a poll waits up to 10 s for its state.
      poll: { timeout: 10_000 },
    },
    projects: [
      {
        // Pure logic: no rig, no loop devices, no ports of its own, so files run in parallel.
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Integration and e2e tests share one machine's namespaces, loop devices and ports:
        // one file at a time, after the unit tests.
        extends: true,
        test: {
          name: 'rig',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
