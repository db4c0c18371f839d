// SPDX-License-Identifier: Apache-2.0
// A folder with a Dockerfile and no compose file is one service, "main", set up the way balena
// runs a single-container app, so a project behaves the same pushed by balena-cli or by us.

export const defaultServiceName = 'main';
export const defaultVolumeName = 'resin-data';

/** The compose object balena uses for a bare Dockerfile folder. */
export function defaultCompose(): Record<string, unknown> {
  return {
    volumes: { [defaultVolumeName]: {} },
    services: {
      [defaultServiceName]: {
        build: { context: '.' },
        privileged: true,
        tty: true,
        restart: 'always',
        network_mode: 'host',
        volumes: [`${defaultVolumeName}:/data`],
        labels: {
          'io.resin.features.kernel-modules': '1',
          'io.resin.features.firmware': '1',
          'io.resin.features.dbus': '1',
          'io.resin.features.supervisor-api': '1',
          'io.resin.features.resin-api': '1',
        },
      },
    },
  };
}

export function defaultProjectNote(root: string): string {
  return (
    `No docker-compose.yml in ${root}: pushing one service "${defaultServiceName}" built from the folder, ` +
    `as balena does (privileged, tty, restart always, host network, volume ${defaultVolumeName} at /data, ` +
    `io.resin.features.* labels for kernel modules, firmware, D-Bus and the supervisor and balena APIs).`
  );
}
