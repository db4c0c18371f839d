// SPDX-License-Identifier: Apache-2.0
// What Benchtop calls the things it creates on a plain engine. Everything is project-prefixed,
// so two projects on one board never share a network, a volume or a container name.

export const DEFAULT_NETWORK = 'default';

/** Where a service's lock dir is mounted, as balenaOS mounts it (both the new and old name). */
export const LOCK_DIR_TARGETS = ['/tmp/balena', '/tmp/resin'] as const;

export const HANDOVER_COMPLETE_FILE = 'handover-complete';

export const networkName = (project: string, network: string): string => `${project}_${network}`;

export const volumeName = (project: string, volume: string): string => `${project}_${volume}`;

/** The service's lock dir: one volume the old and new container of a hand-over both see. */
export const lockVolumeName = (project: string, service: string): string =>
  `${project}_${service}_lock`;

/**
 * The config hash in the name lets the new container exist beside the old one during an
 * update (download-then-kill, hand-over) without renaming either.
 */
export const containerName = (project: string, service: string, configHash: string): string =>
  `${project}_${service}_${configHash.slice(0, 8)}`;
