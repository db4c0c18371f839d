// SPDX-License-Identifier: Apache-2.0
// Shells on boards: the service behind `shell.*`. A shell belongs to the client that opened
// it and ends when that client leaves; anyone may watch and type into it meanwhile.
import { randomUUID } from 'node:crypto';
import type { CommandArgs, shellCommands } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { EventBus } from '../contract/event-bus.js';
import type { Service } from '../contract/service.js';
import type { BoardList } from '../discover/index.js';
import type { DockerClientFactory } from '../docker/index.js';
import { listTargets } from './board-containers.js';
import { execOnBoard } from './exec.js';
import { ShellSessionHandle } from './shell-session.js';
import { startProgram } from './start-program.js';

export interface ShellDeps {
  readonly bus: EventBus;
  readonly boards: BoardList;
  readonly docker: DockerClientFactory;
}

/** Enough for a few per board on a bench; one client cannot hold the engine's memory hostage. */
const MAX_SESSIONS = 256;

export function createShellService(deps: ShellDeps): Service<keyof typeof shellCommands> {
  const sessions = new Map<string, ShellSessionHandle>();
  const get = (sessionId: string): ShellSessionHandle => {
    const session = sessions.get(sessionId);
    if (!session) throw new BenchtopError('NOT_FOUND', `There is no shell ${sessionId}.`);
    return session;
  };
  const close = (session: ShellSessionHandle): boolean => {
    session.close();
    return sessions.delete(session.id);
  };

  async function open(args: CommandArgs<'shell.open'>, owner: string) {
    if (sessions.size >= MAX_SESSIONS) {
      throw new BenchtopError('BUSY', `${MAX_SESSIONS} shells are open already: close some first.`);
    }
    const id = args.sessionId ?? randomUUID();
    if (sessions.has(id)) throw new BenchtopError('INVALID_INPUT', `A shell ${id} exists already.`);
    const { address } = await deps.boards.resolve(args.board);
    const session = new ShellSessionHandle(deps.bus, {
      id,
      owner,
      board: args.board,
      address,
      target: args.target,
      tty: args.tty,
      cols: args.cols,
      rows: args.rows,
    });
    // Listed before the program starts: its output and end are kept from the first byte.
    sessions.set(id, session);
    const request = {
      command: args.command ?? [],
      tty: args.tty,
      cols: args.cols,
      rows: args.rows,
    };
    try {
      session.attach(
        await startProgram(
          deps,
          { board: args.board, address, target: args.target },
          request,
          session,
        ),
      );
    } catch (error) {
      sessions.delete(id);
      throw error;
    }
    return session.info();
  }

  return {
    handlers: {
      'shell.targets': async ({ board }) => listTargets(deps, board),
      'shell.open': async (args, context) => {
        // A shell lasts until its client goes; a one-shot HTTP call never comes back to go.
        if (context.transport === 'http') {
          throw new BenchtopError(
            'UNSUPPORTED',
            'shell.open keeps a shell open for its caller, which a one-shot HTTP call cannot release: open it over the WebSocket (/ws) or with `benchtop shell`.',
          );
        }
        return open(args, context.clientId);
      },
      'shell.exec': async (args, context) => execOnBoard(deps, args, context.signal),
      'shell.history': async ({ sessionId }) => {
        const session = get(sessionId);
        return { ...session.historySnapshot(), session: session.info() };
      },
      'shell.write': async ({ sessionId, data, encoding }) => ({
        written: get(sessionId).write(Buffer.from(data, encoding)),
      }),
      'shell.eof': async ({ sessionId }) => ({ closed: get(sessionId).endInput() }),
      'shell.resize': async ({ sessionId, cols, rows }) => {
        const session = get(sessionId);
        await session.resize(cols, rows);
        return session.info();
      },
      'shell.close': async ({ sessionId }) => {
        const session = sessions.get(sessionId);
        return { closed: session ? close(session) : false };
      },
      'shell.list': async () => [...sessions.values()].map((session) => session.info()),
    },
    async clientGone(clientId) {
      for (const session of [...sessions.values()]) {
        if (session.origin.owner === clientId) close(session);
      }
    },
    async dispose() {
      for (const session of [...sessions.values()]) close(session);
    },
  };
}
