// SPDX-License-Identifier: Apache-2.0
// Serial ports and consoles: the service behind `ports.*` and `console.*`.
import { randomUUID } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConsoleSettings, type CommandArgs, type PortInfo } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import type { Service } from '../contract/service.js';
import { execOnConsole } from './console-exec.js';
import { ConsoleSessionHandle, type Identity } from './console-session.js';
import { PortMemory } from './port-memory.js';
import { listPorts } from './port-list.js';
import { PortWatcher } from './port-watcher.js';

export { listPorts } from './port-list.js';
export { LineStamper, clockStamp, isoStamp } from './line-stamper.js';
export { KeyCommands, keyHelp, type KeyAction } from './key-commands.js';

type SerialCommand =
  | 'ports.list'
  | 'console.open'
  | 'console.list'
  | 'console.history'
  | 'console.write'
  | 'console.close'
  | 'console.settings'
  | 'console.log'
  | 'console.break'
  | 'console.signals'
  | 'console.exec';

export interface SerialServiceDeps {
  bus: EventBus;
  memory?: PortMemory;
}

export function createSerialService(deps: SerialServiceDeps): Service<SerialCommand> {
  const { bus } = deps;
  const memory = deps.memory ?? new PortMemory();
  const sessions = new Map<string, ConsoleSessionHandle>();
  /** Opens in flight, by resolved path: two viewers opening at once share one port. */
  const opening = new Map<string, Promise<ConsoleSessionHandle>>();
  /** One exec at a time per session: two commands typed into one shell would interleave. */
  const execQueue = new Map<string, Promise<unknown>>();

  const annotate = (ports: PortInfo[]): PortInfo[] =>
    ports.map((port) => {
      const session = [...sessions.values()].find((s) => s.currentPath === port.path);
      return session ? { ...port, openSessionId: session.id } : port;
    });
  const watcher = new PortWatcher(annotate, (ports) => bus.emit('ports.changed', ports));

  const session = (id: string): ConsoleSessionHandle => {
    const found = sessions.get(id);
    if (!found) throw new BenchtopError('NOT_FOUND', `There is no open console with id ${id}.`);
    return found;
  };

  const memoryKeys = (path: string, identity: Identity): string[] =>
    identity.kind === 'usb' ? [`usb:${identity.serialNumber}`, path] : [path];

  async function findShared(path: string): Promise<ConsoleSessionHandle | undefined> {
    const real = await realpath(path).catch(() => path);
    for (const existing of sessions.values()) {
      if (existing.currentPath === path) return existing;
      const theirs = await realpath(existing.currentPath).catch(() => existing.currentPath);
      if (theirs === real) return existing;
    }
    return undefined;
  }

  async function identify(path: string): Promise<Identity> {
    const real = await realpath(path).catch(() => path);
    const ports = await listPorts().catch(() => []);
    for (const port of ports) {
      const theirs = await realpath(port.path).catch(() => port.path);
      if (theirs === real && port.serialNumber)
        return { kind: 'usb', serialNumber: port.serialNumber };
    }
    return { kind: 'path', path };
  }

  async function openShared(
    given: string,
    settings: Partial<ConsoleSettings> | undefined,
  ): Promise<ConsoleSessionHandle> {
    const path = resolve(given);
    const changes = settings && Object.keys(settings).length > 0 ? settings : undefined;
    const inflight = opening.get(path);
    if (inflight) {
      const shared = await inflight;
      if (changes) await applySettings(shared, changes);
      return shared;
    }
    const task = (async () => {
      const existing = await findShared(path);
      if (existing) {
        if (changes) await applySettings(existing, changes);
        return existing;
      }
      const identity = await identify(path);
      const remembered = await memory.settingsFor(memoryKeys(path, identity));
      const full = ConsoleSettings.parse({ ...remembered, ...changes });
      const created = new ConsoleSessionHandle(bus, path, identity, full);
      await created.start();
      sessions.set(created.id, created);
      if (changes) await memory.remember(memoryKeys(path, identity), full);
      void watcher.poll();
      return created;
    })();
    opening.set(path, task);
    try {
      return await task;
    } finally {
      opening.delete(path);
    }
  }

  async function applySettings(
    target: ConsoleSessionHandle,
    change: Partial<ConsoleSettings>,
  ): Promise<void> {
    const next = ConsoleSettings.parse({ ...target.currentSettings, ...change });
    await target.updateSettings(next);
    await memory.remember(memoryKeys(target.currentPath, target.identity), next);
  }

  async function leave(
    target: ConsoleSessionHandle,
    clientId: string,
    force: boolean,
  ): Promise<boolean> {
    const left = target.removeViewer(clientId);
    if (left > 0 && !force) return false;
    sessions.delete(target.id);
    await target.close();
    void watcher.poll();
    return true;
  }

  async function exec(args: CommandArgs<'console.exec'>) {
    const viewer = `exec-${randomUUID()}`;
    const target = await openShared(args.path, args.settings);
    target.addViewer(viewer);
    const previous = execQueue.get(target.id) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() =>
        execOnConsole(
          {
            get path() {
              return target.currentPath;
            },
            get state() {
              return target.currentState;
            },
            tap: (listener) => target.tap(listener),
            watchState: (listener) => target.watchState(listener),
            writeRaw: (data) => target.writeRaw(data),
          },
          {
            command: args.command,
            user: args.user,
            password: args.password,
            timeoutMs: args.timeoutMs,
          },
        ),
      );
    execQueue.set(target.id, run);
    try {
      return await run;
    } finally {
      if (execQueue.get(target.id) === run) execQueue.delete(target.id);
      // A port opened only for this exec closes with it; a shared one stays for its viewers.
      await leave(target, viewer, false);
    }
  }

  return {
    handlers: {
      'ports.list': async () => {
        const ports = annotate(await listPorts());
        watcher.ensureStarted(ports);
        return ports;
      },
      'console.open': async (args, context) => {
        const opened = await openShared(args.path, args.settings);
        opened.addViewer(context.clientId);
        if (args.logFile !== undefined) await opened.setLog(args.logFile);
        return opened.info();
      },
      'console.list': async () => [...sessions.values()].map((s) => s.info()),
      'console.history': async (args) => session(args.sessionId).historySnapshot(),
      'console.write': async (args) => {
        const data = Buffer.from(args.data, args.encoding);
        return { written: await session(args.sessionId).write(data) };
      },
      'console.close': async (args, context) => ({
        closed: await leave(session(args.sessionId), context.clientId, args.force),
      }),
      'console.settings': async (args) => {
        const target = session(args.sessionId);
        await applySettings(target, args.settings);
        return target.info();
      },
      'console.log': async (args) => {
        const target = session(args.sessionId);
        await target.setLog(args.logFile);
        return target.info();
      },
      'console.break': async (args) => {
        await session(args.sessionId).sendBreak(args.durationMs);
        return { sent: true as const };
      },
      'console.signals': async (args) => {
        const lines: { dtr?: boolean; rts?: boolean } = {};
        if (args.dtr !== undefined) lines.dtr = args.dtr;
        if (args.rts !== undefined) lines.rts = args.rts;
        return session(args.sessionId).setSignals(lines);
      },
      'console.exec': exec,
    },
    async dispose() {
      watcher.stop();
      await Promise.allSettled([...sessions.values()].map((s) => s.close()));
      sessions.clear();
    },
  };
}
