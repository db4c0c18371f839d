// SPDX-License-Identifier: Apache-2.0
import { describe, it, expect } from 'vitest';
import { ProbeScheduler } from '../../../src/main/discover/probe-scheduler.js';
import { SenderRateLimit } from '../../../src/main/discover/rate-limit.js';
import { engineFacts } from '../../../src/main/discover/probe.js';

describe('ProbeScheduler', () => {
  it('runs one probe per board and port at a time; a second caller joins the first', async () => {
    const scheduler = new ProbeScheduler();
    let calls = 0;
    let release: () => void = () => undefined;
    const work = () => {
      calls++;
      return new Promise<number>((resolve) => (release = () => resolve(calls)));
    };
    const first = scheduler.run('b1', 'engine', work);
    const second = scheduler.run('b1', 'engine', work);
    await Promise.resolve();
    expect(scheduler.isRunning('b1', 'engine')).toBe(true);
    release();
    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(calls).toBe(1);
    expect(scheduler.isRunning('b1', 'engine')).toBe(false);
  });

  it('caps probes running at once across boards', async () => {
    const scheduler = new ProbeScheduler(2);
    const releases: (() => void)[] = [];
    const work = () => new Promise<void>((resolve) => releases.push(resolve));
    const all = ['a', 'b', 'c', 'd'].map((board) => scheduler.run(board, 'ssh', work));
    await new Promise((r) => setTimeout(r, 0));
    expect(releases).toHaveLength(2);
    releases.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(releases).toHaveLength(2);
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(all);
    expect(scheduler.active).toBe(0);
  });
});

describe('SenderRateLimit', () => {
  it('lets a board answer and drops a flood from one sender, not from the others', () => {
    const limit = new SenderRateLimit(10, 20);
    let allowed = 0;
    for (let i = 0; i < 1000; i++) if (limit.allow('10.231.0.2', 0)) allowed++;
    expect(allowed).toBe(20);
    expect(limit.allow('10.231.1.2', 0)).toBe(true);
    expect(limit.allow('10.231.0.2', 1000)).toBe(true);
  });
});

describe('engineFacts', () => {
  it('keeps version, API, OS, architecture and the counts of /info', () => {
    const facts = engineFacts(
      { Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'arm64', KernelVersion: '6.1' },
      {
        ContainersRunning: 2,
        ContainersPaused: 0,
        ContainersStopped: 1,
        Images: 3,
        Driver: 'overlay2',
        MemTotal: 1e9,
        NCPU: 4,
      },
    );
    expect(facts).toEqual({
      version: '20.10.24',
      apiVersion: '1.41',
      os: 'linux',
      arch: 'arm64',
      kernelVersion: '6.1',
      containers: { running: 2, paused: 0, stopped: 1 },
      images: 3,
      storageDriver: 'overlay2',
      memTotal: 1e9,
      cpus: 4,
    });
  });

  it('says "?" for what an odd engine leaves out, rather than failing', () => {
    expect(engineFacts({ Version: 7 }, undefined)).toEqual({
      version: '?',
      apiVersion: '?',
      os: '?',
      arch: '?',
    });
  });
});
