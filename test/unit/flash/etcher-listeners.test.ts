// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';

describe('loading etcher-sdk', () => {
  it('leaves no process-wide exception listeners behind (ext2fs adds rethrowing ones)', async () => {
    const before = [
      process.listenerCount('uncaughtException'),
      process.listenerCount('unhandledRejection'),
    ];
    const etcher = await import('../../../src/main/flash/etcher/index.js');
    expect(typeof etcher.sourceDestination.File).toBe('function');
    expect([
      process.listenerCount('uncaughtException'),
      process.listenerCount('unhandledRejection'),
    ]).toEqual(before);
  });
});

describe('loading ConfiguredSource later (ext2fs)', () => {
  it('removes the listeners its loading adds, and keeps one Benchtop added before', async () => {
    const ours = (): void => undefined;
    process.on('unhandledRejection', ours);
    const before = [
      process.listenerCount('uncaughtException'),
      process.listenerCount('unhandledRejection'),
    ];
    const { loadConfigured } = await import('../../../src/main/flash/etcher/configured.js');
    expect(typeof (await loadConfigured()).ConfiguredSource).toBe('function');
    expect([
      process.listenerCount('uncaughtException'),
      process.listenerCount('unhandledRejection'),
    ]).toEqual(before);
    expect(process.listeners('unhandledRejection')).toContain(ours);
    process.off('unhandledRejection', ours);
  });
});
