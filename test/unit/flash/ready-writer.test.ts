// SPDX-License-Identifier: Apache-2.0
// When a writer may be started ahead of a request (root only), and when it is not.
import { describe, expect, it } from 'vitest';
import { writerSource } from '../../../src/main/flash/writer/ready-writer.js';
import type { IdleWriter, WriterHandle } from '../../../src/main/flash/writer/spawn-writer.js';

/** Writers that do nothing: counts launches, lets a test end a taken writer's run. */
function fakeLaunch() {
  const launched: { closed: boolean; taken: boolean; end(): void }[] = [];
  const launch = (): IdleWriter => {
    let end: () => void = () => undefined;
    const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
      end = () => resolve({ code: 0, stderr: '' });
    });
    const record = { closed: false, taken: false, end: () => end() };
    launched.push(record);
    const handle: WriterHandle = { exited, start: () => undefined, cancel: () => undefined };
    return {
      get alive() {
        return !record.closed;
      },
      take: () => {
        record.taken = true;
        return handle;
      },
      close: () => {
        record.closed = true;
      },
    };
  };
  return { launch, launched };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a writer started ahead of need', () => {
  it('is never started ahead when the engine is not root, whatever is asked', () => {
    for (const readiness of ['keep', 'in-process', undefined] as const) {
      const { launch, launched } = fakeLaunch();
      const here = fakeLaunch();
      const source = writerSource({ readiness, uid: 1000, launch, inProcess: here.launch });
      source.warm();
      expect(launched).toHaveLength(0);
      // Not root: the write always goes to the (elevated) writer process, made only now.
      source.spawn(() => undefined);
      expect(launched).toHaveLength(1);
      expect(here.launched).toHaveLength(0);
    }
  });

  it('is not started ahead by an engine that asked for none, even as root', () => {
    const { launch, launched } = fakeLaunch();
    writerSource({ readiness: undefined, uid: 0, launch }).warm();
    expect(launched).toHaveLength(0);
  });

  it('in-process (the CLI, as root): no writer process, ahead or after; the write is made on spawn', async () => {
    const { launch, launched } = fakeLaunch();
    const here = fakeLaunch();
    const source = writerSource({
      readiness: 'in-process',
      uid: 0,
      launch,
      inProcess: here.launch,
    });
    source.warm();
    expect(here.launched).toHaveLength(0);
    source.spawn(() => undefined);
    expect(here.launched).toHaveLength(1);
    expect(here.launched[0]?.taken).toBe(true);
    here.launched[0]?.end();
    await settle();
    source.warm();
    expect(launched).toHaveLength(0);
    expect(here.launched).toHaveLength(1);
  });

  it('kept (serve, as root): started again once a write is over, and closed on dispose', async () => {
    const { launch, launched } = fakeLaunch();
    const source = writerSource({ readiness: 'keep', uid: 0, launch });
    source.warm();
    source.spawn(() => undefined);
    expect(launched).toHaveLength(1);
    launched[0]?.end();
    await settle();
    expect(launched).toHaveLength(2);
    expect(launched[1]?.taken).toBe(false);
    source.dispose();
    expect(launched[1]?.closed).toBe(true);
    source.warm();
    expect(launched).toHaveLength(2);
  });

  it('a request that never came (checks failed): the idle one is closed on dispose', () => {
    const { launch, launched } = fakeLaunch();
    const source = writerSource({ readiness: 'keep', uid: 0, launch });
    source.warm();
    source.dispose();
    expect(launched[0]?.closed).toBe(true);
  });
});
