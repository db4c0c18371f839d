// SPDX-License-Identifier: Apache-2.0
import { realpath, stat } from 'node:fs/promises';
import type { flashCommands, ImageInfo } from '../../shared/contract/index.js';
import type { Service } from '../contract/service.js';
import type { EventBus } from '../contract/event-bus.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { assignTable, checkFlashConfig } from './configure/card-config.js';
import { DriveWatcher } from './drives/drive-watcher.js';
import { devicesHolding } from './drives/read-block-topology.js';
import { listDrives, toDrive, withWarnings } from './drives/list-drives.js';
import { isUrl } from '../../shared/is-url.js';
import { UsbbootState } from './usbboot/usbboot-state.js';
import type { UsbbootWatcher } from './usbboot/usbboot-watcher.js';
import type { WriterReadiness, WriterSource } from './writer/ready-writer.js';
import type { spawnWriter } from './writer/spawn-writer.js';

// etcher-sdk takes half a second to load: only what flashes or inspects loads it, so other
// commands (and the engine's start) do not pay for it.
const inspectImage = async (image: string): Promise<ImageInfo> =>
  (await import('./image/inspect-image.js')).inspectImage(image);

export function createFlashService(deps: {
  jobs: JobRunner;
  bus: EventBus;
  /** Starts the root writer; tests count its calls. */
  spawnWriter?: typeof spawnWriter;
  /**
   * When the engine is root (writer/ready-writer.ts): 'keep' for a long-running engine
   * (serve, the desktop app) keeps a writer process ready from its first drive listing on;
   * 'in-process' for the CLI writes in its own process once the checks pass.
   */
  writerReadiness?: WriterReadiness;
}): Service<keyof typeof flashCommands> {
  // drives.list with an image is asked again on every hot-plug: inspect each file once.
  const inspected = new Map<string, { key: string; info: ImageInfo }>();
  const inspectCached = async (image: string): Promise<ImageInfo | undefined> => {
    const key = await stat(image).then(
      (info) => `${info.size}:${info.mtimeMs}`,
      () => undefined,
    );
    const hit = inspected.get(image);
    if (key !== undefined && hit?.key === key) return hit.info;
    const info = await inspectImage(image).catch(() => undefined);
    if (info && key !== undefined) inspected.set(image, { key, info });
    return info;
  };
  let writers: Promise<WriterSource> | undefined;
  const writerSource = (): Promise<WriterSource> =>
    (writers ??= import('./writer/ready-writer.js').then(({ writerSource: create }) =>
      create({ readiness: deps.writerReadiness, uid: process.getuid?.() }),
    ));
  /** A writer ahead of need, where one may be kept (never with a test's spawnWriter). */
  const warmWriter = (): void => {
    if (deps.writerReadiness === 'keep' && !deps.spawnWriter)
      void writerSource().then((source) => source.warm());
  };
  // Compute Modules in rpiboot mode are listed (not selectable) while they are initialised.
  let usbboot: UsbbootWatcher | undefined;
  const usbbootState = (): UsbbootState => usbboot?.state ?? new UsbbootState();
  const startUsbboot = async (): Promise<void> => {
    if (usbboot || process.env.BENCHTOP_NO_USBBOOT === '1') return;
    const { UsbbootWatcher: Watcher } = await import('./usbboot/usbboot-watcher.js');
    usbboot ??= new Watcher(() => void watcher.pollNow());
    usbboot.start();
  };
  const watcher = new DriveWatcher(
    (drives) =>
      deps.bus.emit('drives.changed', [...drives.map(toDrive), ...usbbootState().drives()]),
    () => usbbootState().list().length,
  );
  return {
    handlers: {
      'drives.list': async ({ showVirtual, image }) => {
        watcher.start();
        await startUsbboot();
        warmWriter();
        const drives = await listDrives({ showVirtual });
        const booting = usbbootState().drives();
        if (image === undefined)
          return [...drives.map((drive) => toDrive(withWarnings(drive, {}))), ...booting];
        const info = await inspectCached(image);
        const path = isUrl(image) ? undefined : await realpath(image).catch(() => undefined);
        const holders = path === undefined ? [] : await devicesHolding(path);
        return [
          ...drives.map((drive) =>
            toDrive(
              withWarnings(drive, {
                path,
                size: info && !info.sizeIsEstimated ? info.size : undefined,
                holders,
              }),
            ),
          ),
          ...booting,
        ];
      },
      'image.inspect': async ({ image }) => inspectImage(image),
      'flash.start': async (request, context) => {
        if (request.config) checkFlashConfig(request.config);
        if (request.cards) assignTable(request.cards, request.targets, request.config);
        // A kept writer that died or was used: the next loads while the job inspects and checks.
        warmWriter();
        const count = request.targets.length;
        const job = deps.jobs.start(
          'flash.start',
          `Flash ${count} card${count === 1 ? '' : 's'}`,
          async (ctx) => {
            const [{ runFlash }, source] = await Promise.all([
              import('./write/flash-job.js'),
              writerSource(),
            ]);
            return runFlash(request, ctx, deps.spawnWriter ?? source.spawn);
          },
          context.caller.user,
        );
        return { jobId: job.id };
      },
    },
    dispose: async () => {
      watcher.stop();
      usbboot?.stop();
      (await writers)?.dispose();
    },
  };
}
