// SPDX-License-Identifier: Apache-2.0
// A shell session's bookkeeping and following it from a face, over the in-process transport.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/contract/event-bus.js';
import { createLocalTransport } from '../../../src/main/contract/local-transport.js';
import type { ShellProcess } from '../../../src/main/shell/shell-process.js';
import { ShellSessionHandle } from '../../../src/main/shell/shell-session.js';
import { createClient } from '../../../src/shared/client.js';
import { followShell } from '../../../src/shared/follow-shell.js';

const origin = {
  id: 's1',
  owner: 'client-1',
  board: 'b0',
  address: '10.0.0.5',
  target: { kind: 'service', service: 'web' } as const,
  tty: true,
  cols: 80,
  rows: 24,
};

/** Records what the session asks of its program. */
function recordingProcess(calls: string[]): ShellProcess {
  return {
    command: ['/bin/sh'],
    containerId: 'c1',
    write: (data) => calls.push(`write ${data.toString()}`),
    end: () => calls.push('end'),
    resize: async (cols, rows) => void calls.push(`resize ${cols}x${rows}`),
    kill: () => calls.push('kill'),
  };
}

describe('ShellSessionHandle', () => {
  it('numbers its output, keeps it for late viewers, and ends once', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.onAny((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`));
    const calls: string[] = [];
    const session = new ShellSessionHandle(bus, origin);
    session.attach(recordingProcess(calls));
    session.data(Buffer.from('hi '), 'stdout');
    session.data(Buffer.alloc(0), 'stdout');
    session.data(Buffer.from('there'), 'stderr');
    expect(session.write(Buffer.from('ls\r'))).toBe(3);
    session.exit({ status: 3 });
    session.exit({ status: 4 });
    expect(session.write(Buffer.from('late'))).toBe(0);
    session.close();
    expect(calls).toEqual(['write ls\r']);
    expect(seen).toHaveLength(3);
    expect(seen[1]).toContain('"seq":2');
    expect(seen[1]).toContain('"stream":"stderr"');
    expect(Buffer.from(session.historySnapshot().data, 'base64').toString()).toBe('hi there');
    expect(session.info()).toMatchObject({
      id: 's1',
      containerId: 'c1',
      command: ['/bin/sh'],
      state: 'exited',
      exit: { status: 3 },
    });
  });

  it('resizes a terminal, and hangs up a program that still runs', async () => {
    const calls: string[] = [];
    const session = new ShellSessionHandle(new EventBus(), origin);
    session.attach(recordingProcess(calls));
    await session.resize(120, 40);
    expect(session.endInput()).toBe(true);
    session.close();
    expect(calls).toEqual(['resize 120x40', 'end', 'kill']);
    expect(session.info()).toMatchObject({ cols: 120, rows: 40, state: 'open' });
  });
});

describe('followShell', () => {
  it('shows the history, then new output of its own shell only, and an end it missed', async () => {
    const bus = new EventBus();
    const session = new ShellSessionHandle(bus, origin);
    session.attach(recordingProcess([]));
    session.data(Buffer.from('before '), 'stdout');
    const client = createClient(
      createLocalTransport(async (command) => {
        if (command !== 'shell.history') throw new Error(command);
        // The program ends while the history is on its way.
        session.data(Buffer.from('during'), 'stdout');
        session.exit({ status: 0 });
        return { ...session.historySnapshot(), session: session.info() };
      }, bus),
    );
    const seen: string[] = [];
    const follow = followShell(client, 's1', {
      history: (data) => seen.push(`history ${atob(data)}`),
      data: (chunk) => seen.push(atob(chunk.data)),
      gap: (missing) => seen.push(`gap ${missing}`),
      exit: (exit) => seen.push(`exit ${exit.status}`),
    });
    await follow.ready;
    bus.emit('shell.data', { sessionId: 'other', seq: 9, data: btoa('x'), stream: 'stdout' });
    follow.stop();
    expect(seen).toEqual(['history before during', 'exit 0']);
  });
});
