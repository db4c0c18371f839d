// SPDX-License-Identifier: Apache-2.0
// The /proc scan behind "busy" messages, with real processes: one with its working directory
// inside a folder, one with a file open.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeHolders,
  findMountHolders,
  findPathHolders,
} from '../../../src/main/host/process-holders.js';

let dir: string;
let inside: ChildProcess;
let reader: ChildProcess;

const started = (child: ChildProcess): Promise<void> =>
  new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
const stop = async (child: ChildProcess | undefined): Promise<void> => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'benchtop-holders-'));
  mkdirSync(join(dir, 'card', 'deep'), { recursive: true });
  writeFileSync(join(dir, 'port'), '');
  inside = spawn('sleep', ['60'], { cwd: join(dir, 'card', 'deep'), stdio: 'ignore' });
  // `tail -f` keeps the file open for as long as it runs.
  reader = spawn('tail', ['-f', join(dir, 'port')], { stdio: 'ignore' });
  await Promise.all([started(inside), started(reader)]);
});

afterAll(async () => {
  await stop(inside);
  await stop(reader);
  rmSync(dir, { recursive: true, force: true });
});

describe('process holders', () => {
  it('finds a process whose working directory is below a mount point, by name and pid', async () => {
    const holders = await findMountHolders(join(dir, 'card'));
    expect(holders).toContainEqual(
      expect.objectContaining({ pid: inside.pid, name: 'sleep', command: 'sleep 60' }),
    );
    expect(holders.map((holder) => holder.pid)).not.toContain(reader.pid);
    expect(describeHolders(holders)).toContain(`sleep (pid ${inside.pid})`);
  });

  it('finds a process holding a file open, and not one whose folder merely shares a prefix', async () => {
    expect((await findPathHolders(join(dir, 'port'))).map((holder) => holder.pid)).toEqual([
      reader.pid,
    ]);
    expect(await findMountHolders(join(dir, 'car'))).toEqual([]);
  });
});
