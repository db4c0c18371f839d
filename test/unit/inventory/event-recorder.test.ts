// SPDX-License-Identifier: Apache-2.0
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/contract/event-bus.js';
import { startEventRecorder } from '../../../src/main/inventory/event-recorder.js';
import { createInventoryService } from '../../../src/main/inventory/index.js';
import {
  UUID_A,
  UUID_B,
  change,
  consoleState,
  executed,
  finishedJob,
  flashResult,
  mdnsBoard,
  pushResult,
} from './payloads.js';
import { tempFolder } from './temp-home.js';
import { localOwner } from '../../../src/main/contract/local-owner.js';

const home = tempFolder('event-recorder');
const context = { transport: 'local', clientId: 'test', caller: localOwner() } as const;

/** A bus, the inventory, and the recorder writing what the bus says into it. */
function recording() {
  const bus = new EventBus();
  const service = createInventoryService({ home: home.path });
  const recorder = startEventRecorder({ bus, load: () => Promise.resolve(service.record) });
  return { bus, service, recorder };
}

describe('the inventory recording from the event bus', () => {
  it('records a finished flash, the board heard over mDNS, and a push to it', async () => {
    const bus = new EventBus();
    const service = createInventoryService({ home: home.path });
    let loads = 0;
    const recorder = startEventRecorder({
      bus,
      load: () => {
        loads++;
        return Promise.resolve(service.record);
      },
    });
    // Progress of a running job and a board added by hand are not worth opening the file for.
    bus.emit('job.update', { ...finishedJob('j0', 'flash.start', undefined), state: 'running' });
    bus.emit(
      'devices.changed',
      change('appeared', {
        ...mdnsBoard('x', 'x.local', '10.0.0.9', '2026-12-01T10:00Z'),
        source: 'manual',
      }),
    );
    await recorder.settled();
    expect(loads).toBe(0);

    const flashed = finishedJob(
      'j1',
      'flash.start',
      flashResult([{ uuid: UUID_A, hostname: 'slot-01', target: '/dev/loop3' }]),
    );
    bus.emit('job.update', flashed);
    bus.emit('job.update', flashed); // the same job's last event, sent again, is one record
    bus.emit(
      'devices.changed',
      change('appeared', mdnsBoard('slot-01', 'slot-01.local', '10.0.0.11', '2026-12-01T10:30Z')),
    );
    bus.emit(
      'job.update',
      finishedJob('j2', 'push.start', pushResult([{ board: 'slot-01', state: 'succeeded' }])),
    );
    await recorder.stop();
    const [board, ...others] = await service.handlers['inventory.boards']({ filter: '' }, context);
    expect(others).toEqual([]);
    expect(board).toMatchObject({
      uuid: UUID_A,
      hostname: 'slot-01',
      presence: { online: true, address: '10.0.0.11', interface: 'eth1' },
      lastPush: { project: 'sensors', services: ['reader', 'upload'] },
      lastFlash: { target: '/dev/loop3' },
    });
    const history = await service.handlers['inventory.history'](
      { name: 'slot-01', limit: 10 },
      context,
    );
    expect(history.map((e) => e.kind)).toEqual(['pushed', 'flashed', 'created']);
    await service.dispose?.();
  });

  it('records a tie made now, a console session and an exec on the tied port, and a push release', async () => {
    const { bus, service, recorder } = recording();
    bus.emit(
      'job.update',
      finishedJob(
        'j1',
        'flash.start',
        flashResult([{ uuid: UUID_A, hostname: 'slot-01', target: '/dev/loop3' }]),
      ),
    );
    bus.emit('ports.tied', {
      path: '/dev/ttyUSB0',
      serialNumber: 'FT1234',
      board: 'slot-01',
      at: '2026-12-01T10:59:00.000Z',
    });
    bus.emit('console.state', consoleState('s1', 'connected', { board: 'slot-01' }));
    bus.emit('console.executed', executed());
    bus.emit('console.state', consoleState('s1', 'closed', { board: 'slot-01' }));
    bus.emit(
      'job.update',
      finishedJob(
        'j2',
        'push.start',
        pushResult([{ board: 'slot-01', state: 'succeeded', release: '0123456789ab' }]),
      ),
    );
    await recorder.stop();
    const { board } = await service.handlers['inventory.board']({ name: 'slot-01' }, context);
    expect(board.port).toEqual({ serialNumber: 'FT1234', path: '/dev/ttyUSB0' });
    expect(board.lastPush?.release).toBe('0123456789ab');
    const history = await service.handlers['inventory.history'](
      { name: 'slot-01', limit: 10 },
      context,
    );
    expect(new Set(history.map((e) => e.kind))).toEqual(
      new Set(['created', 'flashed', 'tied', 'exec', 'console', 'pushed']),
    );
    expect(history.find((e) => e.kind === 'pushed')?.detail).toMatchObject({
      release: '0123456789ab',
    });
    await service.dispose?.();
  });

  it('records a serial exec made by a group once: the group’s record, not the console’s too', async () => {
    const { bus, service, recorder } = recording();
    bus.emit(
      'job.update',
      finishedJob(
        'j1',
        'flash.start',
        flashResult([{ uuid: UUID_B, hostname: 'slot-02', target: '/dev/loop4' }]),
      ),
    );
    bus.emit('ports.tied', {
      path: '/dev/ttyUSB1',
      serialNumber: 'FT5678',
      board: 'slot-02',
      at: '2026-12-01T10:59:00.000Z',
    });
    const command = 'selftest';
    bus.emit(
      'console.executed',
      executed({ board: 'slot-02', path: '/dev/ttyUSB1', command, group: 'g1' }),
    );
    bus.emit(
      'job.update',
      finishedJob('g1', 'group.exec', {
        action: 'exec',
        command,
        over: { kind: 'serial' },
        boards: [{ board: 'slot-02', ok: true, status: 0, durationMs: 900, output: 'pass\n' }],
        succeeded: 1,
        failed: 0,
      }),
    );
    // The same command typed on that console by hand is the console's own record.
    bus.emit('console.executed', executed({ board: 'slot-02', path: '/dev/ttyUSB1', command }));
    await recorder.stop();
    const history = await service.handlers['inventory.history'](
      { name: 'slot-02', limit: 10 },
      context,
    );
    const execs = history.filter((e) => e.kind === 'exec');
    expect(execs).toHaveLength(2);
    expect(execs.filter((e) => e.detail['group'] === 'g1')).toHaveLength(1);
    expect(execs.filter((e) => e.detail['group'] === undefined)).toHaveLength(1);
  });

  it('names who did each action: who started the job, tied the port, ran the exec, had the console open', async () => {
    const { bus, service, recorder } = recording();
    const flashed = finishedJob(
      'j1',
      'flash.start',
      flashResult([{ uuid: UUID_A, hostname: 'slot-01', target: '/dev/loop3' }]),
    );
    bus.emit('job.update', { ...flashed, by: 'ada' });
    bus.emit('ports.tied', {
      path: '/dev/ttyUSB0',
      serialNumber: 'FT1234',
      board: 'slot-01',
      at: '2026-12-01T10:59:00.000Z',
      by: 'otto',
    });
    const users = ['vera', 'otto'];
    bus.emit('console.state', consoleState('s1', 'connected', { board: 'slot-01', users }));
    bus.emit('console.executed', { ...executed(), by: 'otto' });
    bus.emit('console.state', consoleState('s1', 'closed', { board: 'slot-01', users }));
    const pushed = finishedJob(
      'j2',
      'push.start',
      pushResult([{ board: 'slot-01', state: 'succeeded' }]),
    );
    bus.emit('job.update', { ...pushed, by: 'pia' });
    bus.emit('board.serviceChanged', {
      board: 'slot-01',
      project: 'sensors',
      service: 'reader',
      action: 'restart',
      at: '2026-12-01T12:00:00.000Z',
      by: 'sam',
    });
    await recorder.stop();
    const as = { ...context, caller: { user: 'lena', role: 'operator', owner: false } } as const;
    await service.handlers['inventory.label']({ name: 'slot-01', add: ['arm'], remove: [] }, as);
    const history = await service.handlers['inventory.history'](
      { name: 'slot-01', limit: 20 },
      context,
    );
    const restart = history.find((e) => e.detail['action'] === 'service');
    expect(restart).toMatchObject({
      kind: 'exec',
      who: 'sam',
      detail: { command: 'restart reader' },
    });
    const who = Object.fromEntries(
      history.filter((e) => e !== restart).map((e) => [e.kind, e.who]),
    );
    expect(who).toEqual({
      created: 'ada',
      flashed: 'ada',
      tied: 'otto',
      exec: 'otto',
      console: 'vera, otto',
      pushed: 'pia',
      labelled: 'lena',
    });
    await service.dispose?.();
  });

  it('a damaged file stops recording with one message, and the bus keeps working', async () => {
    writeFileSync(join(home.path, 'inventory.db'), 'this is not a database, '.repeat(200));
    const bus = new EventBus();
    const service = createInventoryService({ home: home.path });
    const said: string[] = [];
    const recorder = startEventRecorder({
      bus,
      load: () => Promise.resolve(service.record),
      warn: (message) => said.push(message),
    });
    let heard = 0;
    bus.on('job.update', () => heard++);
    for (const id of ['j1', 'j2', 'j3'])
      bus.emit(
        'job.update',
        finishedJob(
          id,
          'flash.start',
          flashResult([{ uuid: UUID_A, hostname: 'slot-01', target: '/dev/loop3' }]),
        ),
      );
    await recorder.stop();
    expect(heard).toBe(3);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/the inventory records nothing more in this run: .*damaged/);
    expect(recorder.disabled).toMatch(/damaged/);
    await service.dispose?.();
  });
});
