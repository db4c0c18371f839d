// SPDX-License-Identifier: Apache-2.0
// In-memory projects for the live-sync rules: the rules are pure, so no files are needed.
import type { BuildSpec, Composition, ServiceSpec } from '../../../src/main/push/composition.js';

export const root = '/work/proj';

export interface ServiceInput {
  readonly name?: string;
  /** Dockerfile text; omit for an image-only service. */
  readonly dockerfile?: string;
  /** Project-relative context folder ('' is the root). */
  readonly context?: string;
  readonly develop?: unknown;
  readonly build?: Partial<BuildSpec>;
  readonly workingDir?: string;
}

export function service(input: ServiceInput): ServiceSpec {
  const name = input.name ?? 'main';
  const context =
    input.context === undefined || input.context === '' ? root : `${root}/${input.context}`;
  const build: BuildSpec | undefined =
    input.dockerfile === undefined
      ? undefined
      : {
          context,
          dockerfile: 'Dockerfile',
          dockerfileText: input.dockerfile,
          fromTemplate: false,
          args: {},
          projectRoot: root,
          dockerignoreDir: root,
          ...input.build,
        };
  return {
    name,
    ...(build === undefined ? {} : { build }),
    image: build === undefined ? 'bench/busybox' : `local_image_${name}:latest`,
    environment: {},
    labels: {},
    ports: [],
    expose: [],
    mounts: [],
    networks: {},
    restart: 'always',
    privileged: false,
    tty: false,
    init: true,
    devices: [],
    capAdd: [],
    capDrop: [],
    dependsOn: [],
    ...(input.workingDir === undefined ? {} : { workingDir: input.workingDir }),
    raw: input.develop === undefined ? {} : { develop: input.develop },
  };
}

export function project(...services: ServiceInput[]): Composition {
  return {
    name: 'proj',
    root,
    services: services.map(service),
    networks: {},
    volumes: {},
    target: { arch: 'amd64', deviceType: 'generic-amd64' },
  };
}

export const local = (file: string) => `${root}/${file}`;
