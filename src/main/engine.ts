// SPDX-License-Identifier: Apache-2.0
import type { AppInfo } from '../shared/contract/index.js';
import { createAppService } from './app/app-service.js';
import { EventBus } from './contract/event-bus.js';
import { createDispatch, type Dispatch } from './contract/dispatch.js';
import type { Handlers } from './contract/handlers.js';
import { createDevicesService } from './discover/index.js';
import { createFlashService } from './flash/index.js';
import { JobRunner } from './jobs/job-runner.js';
import { createSerialService } from './serial/index.js';

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
  const serial = createSerialService({ bus });
  const devices = createDevicesService({ bus, host: options.host });
  const flash = createFlashService({ bus, jobs });
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
