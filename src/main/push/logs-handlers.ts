// SPDX-License-Identifier: Apache-2.0
// logs.read/follow/stop and board.services/service: thin handlers over push/logs and
// push/services. A followed stream belongs to the client that asked for it and ends when it
// leaves (or the engine stops).
import { randomUUID } from 'node:crypto';
import type { BoardService, LogLine, pushCommands } from '../../shared/contract/push.js';
import { BenchtopError, toErrorInfo } from '../../shared/errors.js';
import type { Handlers } from '../contract/handlers.js';
import type { EventBus } from '../contract/event-bus.js';
import { dockerError, type DockerTarget } from '../docker/index.js';
import { followLogs, readLogs, type LogLine as EngineLine } from './logs/index.js';
import { controlService, listServices, type ServiceStatus } from './services/index.js';
import type { ReachDeps } from './run/reach-board.js';
import {
  SupervisorClient,
  streamSupervisorLogs,
  type SupervisorLogLine,
} from './supervisor/index.js';

type LogsCommand = Exclude<
  keyof typeof pushCommands,
  'push.inspect' | 'push.start' | 'board.reboot'
>;

function toLine(board: string, line: EngineLine): LogLine {
  return {
    board,
    ...(line.project === null ? {} : { project: line.project }),
    ...(line.service === null ? {} : { service: line.service }),
    timestamp: line.timestamp,
    stream: line.stream,
    system: line.system,
    message: line.message,
  };
}

function fromSupervisor(board: string, line: SupervisorLogLine): LogLine {
  return {
    board,
    ...(line.service === null ? {} : { service: line.service }),
    timestamp: new Date(line.timestamp).toISOString(),
    stream: line.isStdErr ? 'stderr' : 'stdout',
    system: line.isSystem,
    message: line.message,
  };
}

/** A board's supervisor answers in local mode: its log stream then has every service's lines. */
const supervisorAnswers = (address: string): Promise<boolean> =>
  new SupervisorClient(address).ping().then(
    () => true,
    () => false,
  );

function toService(status: ServiceStatus): BoardService {
  return {
    project: status.project,
    name: status.service,
    containerId: status.containerId,
    state: status.state,
    image: status.image,
    ...(status.startedAt === null ? {} : { startedAt: status.startedAt }),
    restarts: status.restartCount,
    ...(status.health === null ? {} : { health: status.health }),
  };
}

export function createLogsHandlers(deps: ReachDeps & { readonly bus: EventBus }) {
  const streams = new Map<string, { clientId: string; controller: AbortController }>();
  const engineOf = async (board: string) => {
    const { address } = await deps.boards.resolve(board);
    const target: DockerTarget = { board, address };
    const docker = await deps.docker(address);
    // A first cheap request, so a dead board fails here with its name and the 3 s bound.
    await docker.ping().catch((error: unknown) => {
      throw dockerError(error, target);
    });
    return { docker, target };
  };
  const stop = (streamId: string): boolean => {
    const stream = streams.get(streamId);
    streams.delete(streamId);
    stream?.controller.abort();
    return stream !== undefined;
  };
  const selection = (query: { project?: string | undefined; services: readonly string[] }) => ({
    ...(query.project === undefined ? {} : { project: query.project }),
    services: query.services,
  });

  const handlers: Pick<Handlers, LogsCommand> = {
    'logs.read': async (query) => {
      const { docker, target } = await engineOf(query.board);
      const lines = await readLogs(docker, { ...selection(query), tail: query.tail, target });
      const wanted = lines.filter((line) => query.system || !line.system);
      return { lines: wanted.map((line) => toLine(query.board, line)) };
    },
    'logs.follow': async (query, context) => {
      // A stream lasts until its client goes; a one-shot HTTP call never comes back to go.
      if (context.transport === 'http') {
        throw new BenchtopError(
          'UNSUPPORTED',
          'logs.follow streams to its caller until it leaves, which a one-shot HTTP call cannot do: follow over the WebSocket (/ws) or with `benchtop logs --follow`; logs.read answers over HTTP.',
        );
      }
      const { docker, target } = await engineOf(query.board);
      const streamId = randomUUID();
      const controller = new AbortController();
      streams.set(streamId, { clientId: context.clientId, controller });
      const emit = (line: LogLine): void => {
        if (query.system || !line.system) deps.bus.emit('logs.line', { ...line, streamId });
      };
      const wantedService = (service: string | null): boolean =>
        query.services.length === 0 || (service !== null && query.services.includes(service));
      const following = (await supervisorAnswers(target.address))
        ? streamSupervisorLogs({
            address: target.address,
            signal: controller.signal,
            onLine: (line) => {
              if (line.isSystem || wantedService(line.service))
                emit(fromSupervisor(query.board, line));
            },
          })
        : followLogs(docker, {
            ...selection(query),
            tail: query.tail,
            target,
            signal: controller.signal,
            onLine: (line) => emit(toLine(query.board, line)),
          });
      void following.catch((error: unknown) => {
        emit({
          board: query.board,
          timestamp: new Date().toISOString(),
          system: true,
          message: `Following logs stopped: ${toErrorInfo(error).message}`,
        });
        stop(streamId);
      });
      return { streamId };
    },
    'logs.stop': async ({ streamId }) => ({ stopped: stop(streamId) }),
    'board.services': async ({ board, project }) => {
      const { docker, target } = await engineOf(board);
      return (await listServices(docker, project, target)).map(toService);
    },
    'board.service': async ({ board, ...request }, context) => {
      const { docker, target } = await engineOf(board);
      const service = toService(await controlService(docker, request, target));
      if (context.groupJob === undefined)
        deps.bus.emit('board.serviceChanged', {
          board,
          project: request.project,
          service: request.service,
          action: request.action,
          at: new Date().toISOString(),
          by: context.caller.user,
        });
      return service;
    },
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
