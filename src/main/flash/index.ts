// SPDX-License-Identifier: Apache-2.0
import { realpath, stat } from 'node:fs/promises';
import type { ImageInfo } from '../../shared/contract/index.js';
import type { Service } from '../contract/service.js';
import type { EventBus } from '../contract/event-bus.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { DriveWatcher } from './drives/drive-watcher.js';
import { listDrives, toDrive, withWarnings } from './drives/list-drives.js';
import { inspectImage } from './image/inspect-image.js';
import { isUrl } from './image/open-image.js';
import { UsbbootWatcher } from './usbboot/usbboot-watcher.js';
import { runFlash } from './write/flash-job.js';

export { inspectImage } from './image/inspect-image.js';

export function createFlashService(deps: {
  jobs: JobRunner;
  bus: EventBus;
}): Service<'drives.list' | 'image.inspect' | 'flash.start'> {
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
  // Compute Modules in rpiboot mode are listed (not selectable) while they are initialised.
  const usbboot = new UsbbootWatcher(() => void watcher.pollNow());
  const watcher = new DriveWatcher(
    (drives) =>
      deps.bus.emit('drives.changed', [...drives.map(toDrive), ...usbboot.state.drives()]),
    () => usbboot.state.list().length,
  );
  return {
    handlers: {
      'drives.list': async ({ showVirtual, image }) => {
        watcher.start();
        if (process.env.BENCHTOP_NO_USBBOOT !== '1') usbboot.start();
        const drives = await listDrives({ showVirtual });
        const booting = usbboot.state.drives();
        if (image === undefined)
          return [...drives.map((drive) => toDrive(withWarnings(drive, {}))), ...booting];
        const info = await inspectCached(image);
        const path = isUrl(image) ? undefined : await realpath(image).catch(() => undefined);
        return [
          ...drives.map((drive) =>
            toDrive(
              withWarnings(drive, {
                path,
                size: info && !info.sizeIsEstimated ? info.size : undefined,
              }),
            ),
          ),
          ...booting,
        ];
      },
      'image.inspect': async ({ image }) => inspectImage(image),
      'flash.start': async (request) => {
        const count = request.targets.length;
        const job = deps.jobs.start(
          'flash',
          `Flash ${count} card${count === 1 ? '' : 's'}`,
          (ctx) => runFlash(request, ctx),
        );
        return { jobId: job.id };
      },
    },
    dispose: async () => {
      watcher.stop();
      usbboot.stop();
    },
  };
}
