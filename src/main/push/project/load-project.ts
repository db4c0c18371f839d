// SPDX-License-Identifier: Apache-2.0
// A project folder, loaded into the Composition model for one build target.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectNote } from '../../../shared/contract/push.js';
import { BenchtopError } from '../../../shared/errors.js';
import type {
  BuildTarget,
  Composition,
  NetworkSpec,
  ServiceSpec,
  VolumeSpec,
} from '../composition.js';
import { flag, isRecord, listOrMap, type Place } from './compose-values.js';
import { defaultCompose, defaultProjectNote } from './default-project.js';
import { loadCompose } from './load-compose.js';
import { normalizeService, type PendingBuild } from './normalize-service.js';
import { resolveDockerfile } from './resolve-dockerfile.js';

export interface LoadProjectOptions {
  readonly target: BuildTarget;
  /** Variables for ${VAR} interpolation, over the project's `.env`. Default: this process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Each service's own `.dockerignore` filters its context (balena's --multi-dockerignore). */
  readonly multiDockerignore?: boolean;
}

export interface LoadedProject {
  readonly composition: Composition;
  /** Compose files read, base first; empty for a bare Dockerfile folder. */
  readonly composeFiles: readonly string[];
  /** What the Dockerfiles were chosen and expanded for. */
  readonly target: BuildTarget;
  readonly notes: readonly ProjectNote[];
}

export async function loadProject(
  folder: string,
  options: LoadProjectOptions,
): Promise<LoadedProject> {
  const root = path.resolve(folder);
  const isDirectory = await stat(root).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isDirectory)
    throw new BenchtopError('NOT_FOUND', `The project folder ${root} does not exist.`);
  const environment = options.env ?? process.env;
  const loaded = await loadCompose(root, environment);
  const notes: ProjectNote[] = [];
  const compose = loaded?.compose ?? defaultCompose();
  if (loaded === undefined) notes.push({ level: 'info', message: defaultProjectNote(root) });
  for (const warning of loaded?.warnings ?? []) notes.push({ level: 'warning', message: warning });
  const place: Place = loaded?.place ?? ((at) => `(default project) ${at.join('.')}`);
  const env = loaded?.env ?? ((name: string) => environment[name]);

  const volumes = resources(compose.volumes);
  const networks = resources(compose.networks);
  const rawServices = isRecord(compose.services) ? compose.services : {};
  const serviceNames = new Set(Object.keys(rawServices));
  if (serviceNames.size === 0) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${place([])}: the compose file defines no services.`,
    );
  }
  const realRoot = await realpath(root);
  const services: ServiceSpec[] = [];
  for (const [name, raw] of Object.entries(rawServices)) {
    const { pendingBuild, ...service } = normalizeService(name, isRecord(raw) ? raw : {}, {
      root,
      env,
      declaredVolumes: new Set(Object.keys(volumes)),
      declaredNetworks: new Set(Object.keys(networks)),
      serviceNames,
      place: (at, key) => place(['services', name, ...at], key),
      nameWhere: place(['services'], name),
    });
    const build =
      pendingBuild === undefined
        ? undefined
        : await resolveBuild(name, pendingBuild, { root, realRoot, options });
    services.push(build === undefined ? service : { ...service, build });
  }
  return {
    composition: {
      name: projectName(compose.name, root),
      root,
      services,
      networks,
      volumes,
      target: options.target,
    },
    composeFiles: loaded?.files ?? [],
    target: options.target,
    notes,
  };
}

async function resolveBuild(
  serviceName: string,
  pending: PendingBuild,
  where: { root: string; realRoot: string; options: LoadProjectOptions },
): Promise<ServiceSpec['build']> {
  const realContext = await realpath(pending.context).catch(() => {
    throw new BenchtopError(
      'NOT_FOUND',
      `${pending.where}: the build context ${pending.context} of service "${serviceName}" does not exist.`,
    );
  });
  const relative = path.relative(where.realRoot, realContext);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${pending.where}: the build context of service "${serviceName}" is a link leading outside the project, to ${realContext}.`,
    );
  }
  const resolved = await resolveDockerfile({
    context: pending.context,
    serviceName,
    target: where.options.target,
    where: pending.where,
    ...(pending.dockerfile === undefined ? {} : { explicit: pending.dockerfile }),
  });
  return {
    context: pending.context,
    dockerfile: resolved.dockerfile,
    dockerfileText: resolved.text,
    fromTemplate: resolved.fromTemplate,
    args: pending.args,
    ...(pending.target === undefined ? {} : { target: pending.target }),
    projectRoot: where.root,
    dockerignoreDir: where.options.multiDockerignore === true ? pending.context : where.root,
  };
}

/** Top-level networks or volumes: null entries are defaults; `external` may be an object. */
function resources(value: unknown): Record<string, NetworkSpec & VolumeSpec> {
  const out: Record<string, NetworkSpec & VolumeSpec> = {};
  if (!isRecord(value)) return out;
  for (const [name, entry] of Object.entries(value)) {
    const spec = isRecord(entry) ? entry : {};
    const external = isRecord(spec.external) || flag(spec.external, false, name);
    const driver = typeof spec.driver === 'string' ? spec.driver : undefined;
    out[name] = {
      external,
      labels: listOrMap(spec.labels),
      ...(driver === undefined ? {} : { driver }),
    };
  }
  return out;
}

/** compose's rule: the `name` given, else the folder's, lower-cased, only [a-z0-9_-]. */
export function projectName(declared: unknown, root: string): string {
  const source = typeof declared === 'string' && declared !== '' ? declared : path.basename(root);
  const name = source.toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return name === '' ? 'project' : name;
}
