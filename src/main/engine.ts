// SPDX-License-Identifier: Apache-2.0
import type { AppInfo, CommandName } from '../shared/contract/index.js';
import { createAppService } from './app/app-service.js';
import { EventBus } from './contract/event-bus.js';
import { createDispatch, type Dispatch } from './contract/dispatch.js';
import type { Handler, Handlers } from './contract/handlers.js';
import type { Service } from './contract/service.js';
import { createBoardList, createDevicesService } from './discover/index.js';
import { createDockerClient } from './docker/index.js';
import type { createFlashService } from './flash/index.js';
import { JobRunner } from './jobs/job-runner.js';
import type { createSerialService } from './serial/index.js';

export interface Engine {
  readonly bus: EventBus;
  readonly jobs: JobRunner;
  readonly dispatch: Dispatch;
  /** Called by a transport when a client disconnects, so its viewers and holds are released. */
  clientGone(clientId: string): Promise<void>;
  dispose(): Promise<void>;
}

export interface EngineOptions {
  host: AppInfo['host'];
}

type CommandsOf<S> = S extends Service<infer K> ? K : never;
type FlashCommand = CommandsOf<ReturnType<typeof createFlashService>>;
type SerialCommand = CommandsOf<ReturnType<typeof createSerialService>>;

/** Every one of K, each once: TypeScript refuses a list that leaves a command out. */
const commandList =
  <K extends CommandName>() =>
  <const L extends readonly K[]>(
    list: L &
      ([Exclude<K, L[number]>] extends [never] ? unknown : { missing: Exclude<K, L[number]> }),
  ): readonly K[] =>
    list;

const flashCommands = commandList<FlashCommand>()(['drives.list', 'image.inspect', 'flash.start']);
const serialCommands = commandList<SerialCommand>()([
  'ports.list',
  'ports.tie',
  'ports.ties',
  'console.open',
  'console.list',
  'console.history',
  'console.write',
  'console.close',
  'console.settings',
  'console.log',
  'console.break',
  'console.signals',
  'console.exec',
]);

/**
 * A service whose modules load on its first command. The flash service (drivelist, the writer)
 * and the serial service (serialport) cost a tenth of a second each to import, and most runs of
 * the CLI use neither. Neither does anything before its first command (their watchers start on
 * the first list), so building one then is the same, seen from outside, as building it at start.
 */
function lazyService<K extends CommandName>(
  names: readonly K[],
  load: () => Promise<Service<K>>,
): Service<K> {
  let loading: Promise<Service<K>> | undefined;
  const service = (): Promise<Service<K>> => (loading ??= load());
  const handlers = Object.fromEntries(
    names.map((name) => [
      name,
      async (args: never, context: never) =>
        ((await service()).handlers[name] as Handler<K>)(args, context),
    ]),
  ) as unknown as Pick<Handlers, K>;
  return {
    handlers,
    async clientGone(clientId) {
      if (loading) await (await loading).clientGone?.(clientId);
    },
    async dispose() {
      if (loading) await (await loading).dispose?.();
    },
  };
}

/** Builds every service once; Electron, the server and the CLI each wrap one of these. */
export function createEngine(options: EngineOptions): Engine {
  const bus = new EventBus();
  const jobs = new JobRunner(bus);
  const app = createAppService(options.host, jobs);
  const serial = lazyService(serialCommands, async () =>
    (await import('./serial/index.js')).createSerialService({ bus }),
  );
  // One list of boards and one way to reach their Docker engines, for every service aiming at a
  // board (devices now, push next).
  const boards = createBoardList(bus);
  const dockerClient = createDockerClient;
  const devices = createDevicesService({ bus, host: options.host, boards, dockerClient });
  const flash = lazyService(flashCommands, async () =>
    (await import('./flash/index.js')).createFlashService({ bus, jobs }),
  );
  const services = [app, devices, flash, serial];
  const handlers: Handlers = {
    ...app.handlers,
    ...devices.handlers,
    ...flash.handlers,
    ...serial.handlers,
  };
  return {
    bus,
    jobs,
    dispatch: createDispatch(handlers),
    async clientGone(clientId) {
      await Promise.allSettled(services.map(async (service) => service.clientGone?.(clientId)));
    },
    async dispose() {
      jobs.cancelAll();
      await Promise.allSettled(services.map(async (service) => service.dispose?.()));
    },
  };
}
