// SPDX-License-Identifier: Apache-2.0
// logs.read/follow/stop and board.services/service: thin handlers over a board's logs and
// services. A followed stream belongs to the client that asked for it and ends when it leaves.
import { randomUUID } from 'node:crypto';
import type { pushCommands } from '../../shared/contract/push.js';
import { BenchtopError } from '../../shared/errors.js';
import type { Handlers } from '../contract/handlers.js';
import type { EventBus } from '../contract/event-bus.js';
import { dockerError } from '../docker/index.js';
import {
  controlEngineService,
  followEngineLogs,
  listEngineServices,
  readEngineLogs,
} from './interim-engine-logs.js';
import type { ReachDeps } from './run/reach-board.js';

type LogsCommand = Exclude<keyof typeof pushCommands, 'push.inspect' | 'push.start'>;

interface Stream {
  readonly clientId: string;
  stop(): void;
}

export function createLogsHandlers(deps: ReachDeps & { readonly bus: EventBus }) {
  const streams = new Map<string, Stream>();
  const engineOf = async (board: string) => {
    const { address } = await deps.boards.resolve(board);
    const docker = await deps.docker(address);
    // A first cheap request, so a dead board fails here with its name and the 3 s bound.
    await docker.ping().catch((error: unknown) => {
      throw dockerError(error, { board, address });
    });
    return docker;
  };
  const stop = (streamId: string): boolean => {
    const stream = streams.get(streamId);
    streams.delete(streamId);
    stream?.stop();
    return stream !== undefined;
  };

  const handlers: Pick<Handlers, LogsCommand> = {
    'logs.read': async (query) => {
      const lines = await readEngineLogs(await engineOf(query.board), query);
      return { lines: query.system ? lines : lines.filter((line) => !line.system) };
    },
    'logs.follow': async (query, context) => {
      // A stream lasts until its client goes; a one-shot HTTP call never comes back to go.
      if (context.transport === 'http') {
        throw new BenchtopError(
          'UNSUPPORTED',
          'logs.follow streams to its caller until it leaves, which a one-shot HTTP call cannot do: follow over the WebSocket (/ws) or with `benchtop logs --follow`; logs.read answers over HTTP.',
        );
      }
      const streamId = randomUUID();
      const docker = await engineOf(query.board);
      const end = await followEngineLogs(docker, query, (line) => {
        if (query.system || !line.system) deps.bus.emit('logs.line', { ...line, streamId });
      });
      streams.set(streamId, { clientId: context.clientId, stop: end });
      return { streamId };
    },
    'logs.stop': async ({ streamId }) => ({ stopped: stop(streamId) }),
    'board.services': async ({ board, project }) =>
      listEngineServices(await engineOf(board), project),
    'board.service': async ({ board, ...target }) =>
      controlEngineService(await engineOf(board), target),
  };
  return {
    handlers,
    async clientGone(clientId: string) {
      for (const [id, stream] of streams) if (stream.clientId === clientId) stop(id);
    },
    async dispose() {
      for (const id of [...streams.keys()]) stop(id);
    },
  };
}
