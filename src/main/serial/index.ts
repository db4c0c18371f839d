// SPDX-License-Identifier: Apache-2.0
// Serial ports and consoles: the service behind `ports.*` and `console.*`.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import {
  EXEC_EXCERPT_CHARS,
  type CommandArgs,
  type PortInfo,
  type serialCommands,
} from '../../shared/contract/index.js';
import { BenchtopError, toErrorInfo } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import type { CallContext } from '../contract/handlers.js';
import type { Service } from '../contract/service.js';
import { execOnConsole } from './console-exec.js';
import { ConsoleSessions } from './console-sessions.js';
import { identifyPort, serialOf } from './identify-port.js';
import { PortMemory } from './port-memory.js';
import { listPorts } from './port-list.js';
import { PortTies } from './port-ties.js';
import { PortWatcher } from './port-watcher.js';
import { logsFolder, type LogOptions } from './log-file.js';

/**
 * How long a client that went away keeps its consoles: a reloading page comes back within it
 * and finds them open, with their history. Logs it owns end at once.
 */
const RELOAD_GRACE_MS = 4000;

const logOptions = (
  plain: boolean | undefined,
  clientId: string,
  label: string | undefined,
): LogOptions => ({
  plain: plain ?? false,
  owner: { clientId, label: label ?? 'the client that asked' },
});

export interface SerialServiceDeps {
  bus: EventBus;
  memory?: PortMemory;
}

export function createSerialService(deps: SerialServiceDeps): Service<keyof typeof serialCommands> {
  const { bus } = deps;
  const memory = deps.memory ?? new PortMemory();
  const ties = new PortTies(memory);
  const sessions = new ConsoleSessions({ bus, memory, ties, changed: () => void watcher.poll() });
  const lingering = new Set<NodeJS.Timeout>();
  /** One exec at a time per session: two commands typed into one shell would interleave. */
  const execQueue = new Map<string, Promise<unknown>>();

  const annotate = (ports: PortInfo[]): PortInfo[] =>
    ports.map((port) => {
      const session = sessions.all().find((s) => s.currentPath === port.path);
      const board = ties.boardOf(port.path, port.serialNumber);
      const annotated: PortInfo = session ? { ...port, openSessionId: session.id } : { ...port };
      if (board !== undefined) annotated.board = board;
      return annotated;
    });
  const watcher = new PortWatcher(annotate, (ports) => bus.emit('ports.changed', ports));

  async function exec(args: CommandArgs<'console.exec'>, context: CallContext) {
    const by = context.caller.user;
    const viewer = `exec-${randomUUID()}`;
    const target = await sessions.open(await ties.resolveTarget(args), args.settings);
    target.addViewer(viewer, by);
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
            hideOutput: () => target.hideOutput(),
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
    const startedAt = new Date().toISOString();
    const said = (outcome: { status: number | null; output: string; error: string | null }) =>
      bus.emit('console.executed', {
        sessionId: target.id,
        path: target.currentPath,
        serialNumber: serialOf(target.identity) ?? null,
        board: target.board ?? null,
        command: args.command,
        status: outcome.status,
        excerpt: outcome.output.slice(0, EXEC_EXCERPT_CHARS),
        truncated: outcome.output.length > EXEC_EXCERPT_CHARS,
        error: outcome.error,
        logFile: target.info().logFile ?? null,
        startedAt,
        endedAt: new Date().toISOString(),
        ...(context.groupJob === undefined ? {} : { group: context.groupJob }),
        by,
      });
    try {
      const result = await run;
      said({ status: result.status, output: result.output, error: null });
      return result;
    } catch (error) {
      said({ status: null, output: '', error: toErrorInfo(error).message });
      throw error;
    } finally {
      if (execQueue.get(target.id) === run) execQueue.delete(target.id);
      // A port opened only for this exec closes with it; a shared one stays for its viewers.
      await sessions.leave(target, viewer, false);
    }
  }

  return {
    handlers: {
      'ports.list': async () => {
        await ties.loadOnce();
        const ports = annotate(await listPorts());
        watcher.ensureStarted(ports);
        return ports;
      },
      'ports.tie': async (args, context) => {
        const path = resolve(args.path);
        const identity = await identifyPort(path);
        await ties.tie(path, identity, args.board ?? undefined);
        bus.emit('ports.tied', {
          path,
          serialNumber: serialOf(identity) ?? null,
          board: args.board ?? null,
          at: new Date().toISOString(),
          by: context.caller.user,
        });
        for (const session of sessions.all()) {
          const board = ties.boardOf(session.currentPath, serialOf(session.identity));
          if (board !== session.board) {
            session.board = board;
            session.emitState();
          }
        }
        void watcher.poll();
        return { path, board: args.board };
      },
      'ports.ties': async () => ties.list(),
      'console.open': async (args, context) => {
        // A viewer lasts until its client goes; a one-shot HTTP call never comes back to go.
        if (context.transport === 'http') {
          throw new BenchtopError(
            'UNSUPPORTED',
            'console.open keeps the console open for its caller, which a one-shot HTTP call cannot release: open it over the WebSocket (/ws) or with `benchtop console`; console.exec runs a command over HTTP.',
          );
        }
        const opened = await sessions.open(await ties.resolveTarget(args), args.settings);
        opened.addViewer(context.clientId, context.caller.user);
        if (args.logFile !== undefined) {
          await opened.setLog(
            args.logFile,
            logOptions(args.logPlain, context.clientId, args.logOwner),
          );
        }
        return opened.info();
      },
      'console.list': async () => sessions.all().map((s) => s.info()),
      'console.history': async (args) => sessions.get(args.sessionId).historySnapshot(),
      'console.write': async (args) => {
        const data = Buffer.from(args.data, args.encoding);
        return { written: await sessions.get(args.sessionId).write(data) };
      },
      'console.close': async (args, context) => ({
        closed: await sessions.leave(sessions.get(args.sessionId), context.clientId, args.force),
      }),
      'console.settings': async (args) => {
        const target = sessions.get(args.sessionId);
        await sessions.applySettings(target, args.settings);
        return target.info();
      },
      'console.log': async (args, context) => {
        const target = sessions.get(args.sessionId);
        // A one-shot HTTP call is gone at once: its log has no owner to end it.
        const options =
          context.transport === 'http'
            ? { plain: args.plain, owner: undefined }
            : logOptions(args.plain, context.clientId, args.owner);
        await target.setLog(args.logFile, options);
        return target.info();
      },
      'console.logsFolder': async () => ({ folder: logsFolder() }),
      'console.break': async (args) => {
        await sessions.get(args.sessionId).sendBreak(args.durationMs);
        return { sent: true as const };
      },
      'console.signals': async (args) => {
        const lines: { dtr?: boolean; rts?: boolean } = {};
        if (args.dtr !== undefined) lines.dtr = args.dtr;
        if (args.rts !== undefined) lines.rts = args.rts;
        return sessions.get(args.sessionId).setSignals(lines);
      },
      'console.exec': async (args, context) => exec(args, context),
    },
    async clientGone(clientId) {
      await sessions.endLogsOf(clientId);
      const leaveAll = async (): Promise<void> => {
        for (const target of sessions.all()) {
          while (target.hasViewer(clientId)) await sessions.leave(target, clientId, false);
        }
      };
      if (!sessions.all().some((target) => target.hasViewer(clientId))) return;
      const timer = setTimeout(() => {
        lingering.delete(timer);
        leaveAll().catch(() => undefined);
      }, RELOAD_GRACE_MS);
      lingering.add(timer);
    },
    async dispose() {
      for (const timer of lingering) clearTimeout(timer);
      watcher.stop();
      await sessions.closeAll();
    },
  };
}
