// SPDX-License-Identifier: Apache-2.0
// The writer does not take the engine's word for its targets: it is root and can look. Right
// before opening each drive it asks the same rules the engine asked (drive-constraints.ts),
// with facts it reads itself, so a buggy or hijacked engine still cannot make it write the
// system drive, the drive holding the image, a read-only drive, or a drive mounted somewhere
// the engine did not clear for unmounting. An explicitly named loop device passes as before.
import { stat } from 'node:fs/promises';
import type { ErrorInfo } from '../../../shared/error-core.js';
import { chainOf, mountpointsOn, systemDevices } from '../drives/block-topology.js';
import { driveWarnings, refusals, type ImageFacts } from '../drives/drive-constraints.js';
import { readSysBlock } from '../drives/list-loop-devices.js';
import { deviceNameOf, readBlockTopology } from '../drives/read-block-topology.js';
import type { WriterRequest } from './protocol.js';

type Target = WriterRequest['targets'][number];

const refuse = (code: ErrorInfo['code'], message: string): ErrorInfo => ({
  code,
  message: `${message} Not written.`,
});

/** Each target that must not be written, with the reason; the others are fine to open. */
export async function recheckTargets(
  targets: readonly Target[],
  imagePath: string | undefined,
): Promise<Map<string, ErrorInfo>> {
  const topology = await readBlockTopology();
  const system = systemDevices(topology);
  const imageDevice = imagePath === undefined ? undefined : await deviceNameOf(imagePath);
  const image: ImageFacts = {
    path: imagePath,
    holders: imageDevice ? chainOf([imageDevice], topology).map((name) => `/dev/${name}`) : [],
  };
  const refused = new Map<string, ErrorInfo>();
  for (const target of targets) {
    const info = await stat(target.device).catch(() => undefined);
    const name = info?.isBlockDevice() ? await deviceNameOf(target.device) : undefined;
    // /sys/block lists whole drives only: a partition is not there.
    const sys = name === undefined ? undefined : await readSysBlock(name);
    if (!info)
      refused.set(target.device, refuse('NOT_FOUND', `There is no drive at ${target.device}.`));
    else if (!name || !sys)
      refused.set(
        target.device,
        refuse('UNSAFE_TARGET', `${target.device} is not a whole drive (a drive or card).`),
      );
    else {
      const mountpoints = mountpointsOn(name, topology);
      const reason = refusals(
        driveWarnings(
          {
            device: `/dev/${name}`,
            size: sys.size,
            system: system.has(name),
            readOnly: sys.readOnly,
            mountpoints,
            virtual: sys.backingFile !== undefined,
            backingFile: sys.backingFile,
          },
          image,
        ),
      )[0];
      const uncleared = mountpoints.filter(
        (mountpoint) => !target.mountpoints.includes(mountpoint),
      );
      if (reason) refused.set(target.device, refuse('UNSAFE_TARGET', reason.message));
      else if (uncleared.length > 0)
        refused.set(
          target.device,
          refuse(
            'BUSY',
            `${target.device} is mounted at ${uncleared.join(', ')}, which was not cleared for unmounting.`,
          ),
        );
    }
  }
  return refused;
}
