// SPDX-License-Identifier: Apache-2.0
import {
  flashCommands,
  groupCommands,
  inventoryCommands,
  liveCommands,
  pushCommands,
  serialCommands,
  shellCommands,
  type AppInfo,
} from '../shared/contract/index.js';
import { createAppService } from './app/app-service.js';
import { checkHandlers } from './contract/check-handlers.js';
import { EventBus } from './contract/event-bus.js';
import { createDispatch, type Dispatch } from './contract/dispatch.js';
import { createLocalCall } from './contract/local-call.js';
import type { Handlers } from './contract/handlers.js';
import { lazyService } from './contract/lazy-service.js';
import { createBoardList, createDevicesService } from './discover/index.js';
import { createDockerClient } from './docker/index.js';
import { startEventRecorder } from './inventory/event-recorder.js';
import type { InventoryService } from './inventory/index.js';
import { JobRunner } from './jobs/job-runner.js';
import { createUsersService } from './users/index.js';

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

/** Builds every service once; Electron, the server and the CLI each wrap one of these. */
export function createEngine(options: EngineOptions): Engine {
  const bus = new EventBus();
  const jobs = new JobRunner(bus);
  const app = createAppService(options.host, jobs);
  // One list of boards and one way to reach their Docker engines, for every service aiming at a
  // board (devices and push).
  const boards = createBoardList(bus);
  const dockerClient = createDockerClient;
  const devices = createDevicesService({ bus, host: options.host, boards, dockerClient });
  // The flash service (drivelist, the writer) and the serial service (serialport) cost a tenth
  // of a second each to import, and most runs of the CLI use neither. Neither does anything
  // before its first command (their watchers start on the first list), so loading one then is
  // the same, seen from outside, as building it at start.
  const flash = lazyService(flashCommands, async () =>
    (await import('./flash/index.js')).createFlashService({
      bus,
      jobs,
      writerReadiness: options.host === 'cli' ? 'in-process' : 'keep',
    }),
  );
  const serial = lazyService(serialCommands, async () =>
    (await import('./serial/index.js')).createSerialService({ bus }),
  );
  // Live sync's rules say how push builds and runs a live service (#dev-cmd-live=): push is
  // handed them rather than importing develop/.
  const liveRules = () => import('./develop/rules/index.js');
  // Push loads dockerode, yaml, the compose schema and tar-stream: only when a push-side
  // command first comes.
  const push = lazyService(pushCommands, async () =>
    (await import('./push/index.js')).createPushService({
      bus,
      jobs,
      boards,
      docker: dockerClient,
      liveProject: async (composition, composeFiles) =>
        (await import('./develop/live/index.js')).liveProjectSource(await liveRules())(
          composition,
          composeFiles,
        ),
    }),
  );
  const live = lazyService(liveCommands, async () =>
    (await import('./develop/live/index.js')).createLiveService({
      bus,
      boards,
      docker: dockerClient,
      rules: await liveRules(),
    }),
  );

  // Shells load ssh2 and dockerode: only when a shell command first comes.
  const shell = lazyService(shellCommands, async () =>
    (await import('./shell/index.js')).createShellService({ bus, boards, docker: dockerClient }),
  );
  // The inventory loads better-sqlite3 and opens its file on its first command, or on the
  // first event it records (a finished flash or push, a board heard over mDNS): one instance
  // for both, so one connection to the file.
  let inventoryLoading: Promise<InventoryService> | undefined;
  const loadInventory = (): Promise<InventoryService> =>
    (inventoryLoading ??= import('./inventory/index.js').then((m) =>
      m.createInventoryService({ bus }),
    ));
  const inventory = lazyService(inventoryCommands, loadInventory);
  const recorder = startEventRecorder({
    bus,
    load: async () => (await loadInventory()).record,
  });
  // A group action runs other commands on each board, through the engine's own door (built
  // below, before any command can come).
  const call = createLocalCall(() => dispatch);
  const group = lazyService(groupCommands, async () =>
    (await import('./group/index.js')).createGroupService({ bus, jobs, call }),
  );
  const users = createUsersService({ bus });
  const services = [app, devices, flash, serial, push, live, shell, inventory, group, users];
  checkHandlers(services);
  const handlers: Handlers = {
    ...app.handlers,
    ...devices.handlers,
    ...flash.handlers,
    ...serial.handlers,
    ...push.handlers,
    ...live.handlers,
    ...shell.handlers,
    ...inventory.handlers,
    ...group.handlers,
    ...users.handlers,
  };
  const dispatch = createDispatch(handlers);
  return {
    bus,
    jobs,
    dispatch,
    async clientGone(clientId) {
      await Promise.allSettled(services.map(async (service) => service.clientGone?.(clientId)));
    },
    async dispose() {
      jobs.cancelAll();
      // The other services stop first, so what they say on the way out (a console closed with
      // the engine) is heard; then what was heard is written before the file closes.
      await Promise.allSettled(
        services.filter((s) => s !== inventory).map(async (service) => service.dispose?.()),
      );
      await recorder.stop();
      await Promise.allSettled([inventory.dispose?.()]);
      // Loaded by the recorder alone, the inventory is not the lazy service's to close.
      if (inventoryLoading) await inventoryLoading.then((s) => s.dispose?.()).catch(() => {});
    },
  };
}
