// SPDX-License-Identifier: Apache-2.0
// The arch and device type a project is built for, from whatever the board answers: its
// supervisor in local mode knows both; a plain engine only knows the kernel's machine name.
import { BenchtopError } from '../../../shared/errors.js';
import type { BuildTarget } from '../composition.js';

/** uname machine names (the engine's /info.Architecture) to balena's arch names. */
const archByMachine: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  amd64: 'amd64',
  aarch64: 'aarch64',
  // Docker Desktop and some engines report Go's name instead of uname's.
  arm64: 'aarch64',
  armv7l: 'armv7hf',
  armv6l: 'rpi',
  i686: 'i386',
  i386: 'i386',
};

/**
 * The device type used when the board does not say: balena's generic type of each arch.
 * rpi and i386 have no generic type; the oldest board of each arch stands in for it.
 */
export const genericDeviceTypes: Readonly<Record<string, string>> = {
  amd64: 'generic-amd64',
  aarch64: 'generic-aarch64',
  armv7hf: 'generic-armv7ahf',
  rpi: 'raspberry-pi',
  i386: 'qemux86',
};

/** balena's arch for an engine's /info.Architecture; throws for a machine balena has no arch for. */
export function archFromMachine(machine: string): string {
  const arch = archByMachine[machine.trim().toLowerCase()];
  if (arch === undefined) {
    throw new BenchtopError(
      'UNSUPPORTED',
      `The board's engine reports architecture "${machine}", which has no balena arch (amd64, aarch64, armv7hf, rpi, i386).`,
    );
  }
  return arch;
}

/** Build target from the engine's /info answer, with the board's device type when one is set. */
export function targetFromEngineInfo(
  info: { readonly Architecture?: unknown },
  deviceType?: string,
): BuildTarget {
  if (typeof info.Architecture !== 'string' || info.Architecture === '') {
    throw new BenchtopError('UNSUPPORTED', "The board's engine did not report its architecture.");
  }
  const arch = archFromMachine(info.Architecture);
  return { arch, deviceType: deviceType ?? genericDeviceTypes[arch] ?? `generic-${arch}` };
}

/** Build target from the supervisor's /v2/local/device-info answer ({ status, info: { arch, deviceType } }). */
export function targetFromDeviceInfo(answer: unknown): BuildTarget {
  const info = isRecord(answer) && isRecord(answer.info) ? answer.info : undefined;
  const arch = info?.arch;
  if (typeof arch !== 'string' || arch === '') {
    throw new BenchtopError(
      'UNSUPPORTED',
      "The board's supervisor answered device-info without an arch.",
      JSON.stringify(answer),
    );
  }
  const deviceType = info?.deviceType;
  return {
    arch,
    deviceType:
      typeof deviceType === 'string' && deviceType !== ''
        ? deviceType
        : (genericDeviceTypes[arch] ?? `generic-${arch}`),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
