// SPDX-License-Identifier: Apache-2.0
// Drive safety as tiny pure predicates, each with its message, composed into one list of
// reasons (the shape of etcher's drive-constraints.ts). The UI, the CLI and the writer's
// caller all ask the same list, so a refusal reads the same everywhere.
import type { Drive, DriveWarning } from '../../../shared/contract/index.js';
import { formatBytes } from '../../../shared/format.js';

/** Above this a second confirmation is needed: it is more likely a backup disk than a card. */
export const LARGE_DRIVE_BYTES = 128e9;

/** What the predicates need to know about a drive beyond the contract's Drive. */
export type DriveFacts = Pick<
  Drive,
  'device' | 'size' | 'system' | 'readOnly' | 'mountpoints' | 'virtual'
> & {
  /** The file behind a loop device, if it is one. */
  backingFile?: string | undefined;
};

export interface ImageFacts {
  /** Absolute path of the image file (undefined for a URL). */
  path?: string | undefined;
  /** Uncompressed size in bytes, when known. */
  size?: number | undefined;
  /**
   * Every device the image's bytes live on (/dev paths), through loop devices and their
   * backing files down to whole disks (read-block-topology.ts `devicesHolding`).
   */
  holders?: readonly string[] | undefined;
}

export const isSystemDrive = (drive: DriveFacts): boolean => drive.system;

export const isReadOnly = (drive: DriveFacts): boolean => drive.readOnly;

export function isSourceDrive(drive: DriveFacts, image: ImageFacts): boolean {
  const path = image.path;
  if (path === undefined) return false;
  if (drive.backingFile === path) return true;
  if (image.holders?.includes(drive.device)) return true;
  return drive.mountpoints.some(
    (mountpoint) =>
      mountpoint !== '/' && (path === mountpoint || path.startsWith(`${mountpoint}/`)),
  );
}

export const isLargeEnough = (drive: DriveFacts, image: ImageFacts): boolean =>
  image.size === undefined || drive.size >= image.size;

export const isLarge = (drive: DriveFacts): boolean => drive.size > LARGE_DRIVE_BYTES;

export const isMounted = (drive: DriveFacts): boolean => drive.mountpoints.length > 0;

/** Every reason against (or note about) writing image to drive; empty means go. */
export function driveWarnings(drive: DriveFacts, image: ImageFacts = {}): DriveWarning[] {
  const warnings: DriveWarning[] = [];
  if (isSystemDrive(drive)) {
    warnings.push({
      code: 'system',
      severity: 'refuse',
      message: `${drive.device} is the system drive (it holds this computer's own files).`,
    });
  }
  if (isSourceDrive(drive, image)) {
    warnings.push({
      code: 'source',
      severity: 'refuse',
      message: `${drive.device} holds the image being written (${image.path}).`,
    });
  }
  if (isReadOnly(drive)) {
    warnings.push({
      code: 'read-only',
      severity: 'refuse',
      message: `${drive.device} is read-only (check the card's lock switch).`,
    });
  }
  if (!isLargeEnough(drive, image)) {
    warnings.push({
      code: 'too-small',
      severity: 'refuse',
      message: `${drive.device} holds ${formatBytes(drive.size)}; the image needs ${formatBytes(image.size ?? 0)}.`,
    });
  }
  if (isLarge(drive)) {
    warnings.push({
      code: 'large',
      severity: 'confirm',
      message: `${drive.device} is ${formatBytes(drive.size)}, larger than a usual card: confirm it is the right drive.`,
    });
  }
  if (isMounted(drive) && !isSystemDrive(drive)) {
    warnings.push({
      code: 'mounted',
      severity: 'info',
      message: `${drive.device} is mounted at ${drive.mountpoints.join(', ')}; it will be unmounted before writing.`,
    });
  }
  if (drive.virtual) {
    warnings.push({
      code: 'virtual',
      severity: 'info',
      message: `${drive.device} is a virtual drive${drive.backingFile ? ` backed by ${drive.backingFile}` : ''}.`,
    });
  }
  return warnings;
}

export const refusals = (warnings: readonly DriveWarning[]): DriveWarning[] =>
  warnings.filter((warning) => warning.severity === 'refuse');

export const confirmations = (warnings: readonly DriveWarning[]): DriveWarning[] =>
  warnings.filter((warning) => warning.severity === 'confirm');
