// SPDX-License-Identifier: Apache-2.0
// Compositions and build contexts made in code for the push tests, as the project loader
// (push/project) will hand them over: the expanded Dockerfile at build.dockerfile in a tar.
import { pack, type Pack } from 'tar-stream';
import type { Composition, ServiceSpec } from '../../src/main/push/composition.js';

/** A tar stream holding `files` (path → text). */
export function contextTar(files: Readonly<Record<string, string>>): Pack {
  const archive = pack();
  for (const [name, text] of Object.entries(files)) archive.entry({ name }, text);
  archive.finalize();
  return archive;
}

/** A service with compose's defaults as the loader sets them (init on, restart no). */
export function service(
  name: string,
  overrides: Partial<ServiceSpec> & { dockerfile?: string } = {},
): ServiceSpec {
  const { dockerfile, ...rest } = overrides;
  return {
    name,
    image: `local_image_${name}:latest`,
    ...(dockerfile === undefined
      ? {}
      : {
          build: {
            context: `/projects/${name}`,
            dockerfile: 'Dockerfile',
            dockerfileText: dockerfile,
            fromTemplate: false,
            args: {},
          },
        }),
    environment: {},
    labels: {},
    ports: [],
    expose: [],
    mounts: [],
    networks: {},
    restart: 'no',
    privileged: false,
    tty: false,
    init: true,
    devices: [],
    capAdd: [],
    capDrop: [],
    dependsOn: [],
    raw: {},
    ...rest,
  };
}

export function composition(name: string, services: readonly ServiceSpec[]): Composition {
  return { name, root: `/projects/${name}`, services, networks: {}, volumes: {} };
}

/** The build context of a service made by `service()`: its Dockerfile text, at its name. */
export function contextOf(spec: ServiceSpec): Pack {
  const build = spec.build;
  if (build === undefined) throw new Error(`${spec.name} has no build`);
  return contextTar({ [build.dockerfile]: build.dockerfileText });
}

/** A busybox httpd serving `text` on port 80 (init keeps stops fast: see ENVIRONMENT.md). */
export const httpdDockerfile = (text: string): string =>
  [
    'FROM bench/busybox',
    `RUN mkdir -p /www && echo ${text} > /www/index.html`,
    'CMD ["httpd", "-f", "-p", "80", "-h", "/www"]',
    '',
  ].join('\n');
