// SPDX-License-Identifier: Apache-2.0
// Serial ports and consoles: the service behind `ports.*` and `console.*`.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConsoleSettings, type CommandArgs, type PortInfo } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import type { Service } from '../contract/service.js';
import { execOnConsole } from './console-exec.js';
import { ConsoleSessionHandle, type Identity } from './console-session.js';
import { PortMemory, usbKey } from './port-memory.js';
import { listPorts } from './port-list.js';
import { PortWatcher } from './port-watcher.js';

export { listPorts } from './port-list.js';

type SerialCommand =
  | 'ports.list'
  | 'ports.tie'
  | 'ports.ties'
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

  /** Port key (usb:SERIAL or path) → board, as remembered; reloaded when a tie changes. */
  let ties = new Map<string, string>();
  let tiesLoaded = false;
  const loadTies = async (): Promise<void> => {
    ties = new Map((await memory.ties()).map((tie) => [tie.key, tie.board] as const));
    tiesLoaded = true;
  };
  const boardOf = (path: string, serialNumber: string | undefined): string | undefined =>
    (serialNumber !== undefined ? ties.get(usbKey(serialNumber)) : undefined) ?? ties.get(path);

  const annotate = (ports: PortInfo[]): PortInfo[] =>
    ports.map((port) => {
      const session = [...sessions.values()].find((s) => s.currentPath === port.path);
      const board = boardOf(port.path, port.serialNumber);
      const annotated: PortInfo = session ? { ...port, openSessionId: session.id } : { ...port };
      if (board !== undefined) annotated.board = board;
      return annotated;
    });
  const watcher = new PortWatcher(annotate, (ports) => bus.emit('ports.changed', ports));

  const session = (id: string): ConsoleSessionHandle => {
    const found = sessions.get(id);
    if (!found) throw new BenchtopError('NOT_FOUND', `There is no open console with id ${id}.`);
    return found;
  };

  const memoryKeys = (path: string, identity: Identity): string[] =>
    identity.kind === 'usb' ? [usbKey(identity.serialNumber), path] : [path];
  const serialOf = (identity: Identity): string | undefined =>
    identity.kind === 'usb' ? identity.serialNumber : undefined;

  /** A path as given, or the port a board was tied to (wherever its USB adapter is now). */
  async function resolveTarget(target: {
    path?: string | undefined;
    board?: string | undefined;
  }): Promise<string> {
    if (target.path !== undefined) return target.path;
    const board = target.board ?? '';
    await loadTies();
    const key = [...ties].find(([, name]) => name === board)?.[0];
    if (key === undefined) {
      throw new BenchtopError(
        'NOT_FOUND',
        `No port is tied to the board "${board}". Tie one with \`benchtop ports tie PATH ${board}\` or from the Consoles pane.`,
      );
    }
    if (!key.startsWith('usb:')) return key;
    const serialNumber = key.slice('usb:'.length);
    const found = (await listPorts()).find((port) => port.serialNumber === serialNumber);
    if (!found) {
      throw new BenchtopError(
        'NOT_FOUND',
        `The serial adapter of "${board}" (USB serial number ${serialNumber}) is not plugged in.`,
      );
    }
    return found.path;
  }

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
      if (!tiesLoaded) await loadTies();
      created.board = boardOf(path, serialOf(identity));
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
    const target = await openShared(await resolveTarget(args), args.settings);
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
        if (!tiesLoaded) await loadTies();
        const ports = annotate(await listPorts());
        watcher.ensureStarted(ports);
        return ports;
      },
      'ports.tie': async (args) => {
        const path = resolve(args.path);
        const identity = await identify(path);
        const key = identity.kind === 'usb' ? usbKey(identity.serialNumber) : path;
        await memory.tie(key, args.board ?? undefined);
        await loadTies();
        for (const session of sessions.values()) {
          const board = boardOf(session.currentPath, serialOf(session.identity));
          if (board !== session.board) {
            session.board = board;
            session.emitState();
          }
        }
        void watcher.poll();
        return { path, board: args.board };
      },
      'ports.ties': async () => {
        await loadTies();
        const ports = await listPorts().catch(() => []);
        return [...ties].map(([key, board]) => {
          if (!key.startsWith('usb:')) return { board, path: key, present: existsSync(key) };
          const serialNumber = key.slice('usb:'.length);
          const port = ports.find((p) => p.serialNumber === serialNumber);
          return { board, path: port?.path ?? key, serialNumber, present: port !== undefined };
        });
      },
      'console.open': async (args, context) => {
        const opened = await openShared(await resolveTarget(args), args.settings);
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
    async clientGone(clientId) {
      for (const target of [...sessions.values()]) {
        while (target.hasViewer(clientId)) await leave(target, clientId, false);
      }
    },
    async dispose() {
      watcher.stop();
      await Promise.allSettled([...sessions.values()].map((s) => s.close()));
      sessions.clear();
    },
  };
}
