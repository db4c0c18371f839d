// SPDX-License-Identifier: Apache-2.0
// One validated compose service as a ServiceSpec, less its build (resolved afterwards, since
// choosing a Dockerfile needs the board's target and reads files).
import path from 'node:path';
import { BenchtopError } from '../../../shared/errors.js';
import type { ServiceSpec } from '../composition.js';
import {
  commandLine,
  flag,
  isRecord,
  listOrMap,
  namesOf,
  scalarText,
  type Place,
} from './compose-values.js';
import { normalizeMounts } from './normalize-mounts.js';
import { normalizeExpose, normalizePorts } from './normalize-ports.js';

/** compose's build section, checked but not yet resolved against a target. */
export interface PendingBuild {
  readonly context: string;
  readonly dockerfile?: string;
  readonly args: Record<string, string>;
  readonly target?: string;
  /** "file:line:col" of the build entry, for errors found while resolving it. */
  readonly where: string;
}

export interface ServiceContext {
  readonly root: string;
  readonly env: (name: string) => string | undefined;
  readonly declaredVolumes: ReadonlySet<string>;
  readonly declaredNetworks: ReadonlySet<string>;
  readonly serviceNames: ReadonlySet<string>;
  /** Places a path inside this service (relative to it) in its compose file. */
  readonly place: Place;
  /** "file:line:col" of the service's name. */
  readonly nameWhere: string;
}

export type NormalizedService = Omit<ServiceSpec, 'build'> & {
  readonly pendingBuild?: PendingBuild;
};

const restartPolicies = ['no', 'always', 'on-failure', 'unless-stopped'] as const;

export function normalizeService(
  name: string,
  raw: Record<string, unknown>,
  ctx: ServiceContext,
): NormalizedService {
  const at = (...steps: (string | number)[]) => ctx.place(steps);
  const pendingBuild = raw.build === undefined ? undefined : normalizeBuild(raw.build, ctx);
  const image = typeof raw.image === 'string' && raw.image !== '' ? raw.image : undefined;
  if (pendingBuild === undefined && image === undefined) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${ctx.nameWhere}: service "${name}" has neither "build" nor "image".`,
    );
  }
  const dependsOn = namesOf(raw.depends_on);
  for (const dependency of dependsOn) {
    if (!ctx.serviceNames.has(dependency)) {
      throw new BenchtopError(
        'INVALID_CONFIG',
        `${at('depends_on')}: service "${name}" depends on "${dependency}", which the project does not define.`,
      );
    }
  }
  const command = commandLine(raw.command, at('command'));
  const entrypoint = commandLine(raw.entrypoint, at('entrypoint'));
  const networkMode = typeof raw.network_mode === 'string' ? raw.network_mode : undefined;
  const stopSignal = typeof raw.stop_signal === 'string' ? raw.stop_signal : undefined;
  const workingDir = typeof raw.working_dir === 'string' ? raw.working_dir : undefined;
  const user = raw.user === undefined ? undefined : scalarText(raw.user);
  return {
    name,
    // The image balena-cli tags a local build with, so a supervisor in local mode finds it.
    image: pendingBuild === undefined ? (image ?? '') : `local_image_${name}:latest`,
    ...(pendingBuild === undefined ? {} : { pendingBuild }),
    ...(command === undefined ? {} : { command }),
    ...(entrypoint === undefined ? {} : { entrypoint }),
    environment: listOrMap(raw.environment, ctx.env),
    labels: listOrMap(raw.labels),
    ports: normalizePorts(raw.ports, (index) => at('ports', index)),
    expose: normalizeExpose(raw.expose, (index) => at('expose', index)),
    mounts: normalizeMounts(raw.volumes, ctx, (index) => at('volumes', index)),
    networks: normalizeNetworks(raw.networks, ctx),
    ...(networkMode === undefined ? {} : { networkMode }),
    restart: restartPolicy(raw.restart, at('restart')),
    privileged: flag(raw.privileged, false, at('privileged')),
    tty: flag(raw.tty, false, at('tty')),
    init: flag(raw.init, true, at('init')),
    devices: Array.isArray(raw.devices) ? raw.devices.map(deviceText) : [],
    capAdd: namesOf(raw.cap_add),
    capDrop: namesOf(raw.cap_drop),
    dependsOn,
    ...(workingDir === undefined ? {} : { workingDir }),
    ...(user === undefined ? {} : { user }),
    ...(stopSignal === undefined ? {} : { stopSignal }),
    raw: Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('x-'))),
  };
}

function normalizeBuild(build: unknown, ctx: ServiceContext): PendingBuild {
  const where = ctx.place(['build']);
  const spec = isRecord(build) ? build : { context: build };
  const contextText = scalarText(spec.context ?? '.');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(contextText) || contextText.startsWith('git@')) {
    throw new BenchtopError(
      'UNSUPPORTED',
      `${where}: a remote build context (${contextText}) cannot be pushed; use a folder of the project.`,
    );
  }
  const context = path.resolve(ctx.root, contextText);
  const relative = path.relative(ctx.root, context);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${where}: build context "${contextText}" leads outside the project (${ctx.root}).`,
    );
  }
  const dockerfile = typeof spec.dockerfile === 'string' ? spec.dockerfile : undefined;
  if (dockerfile !== undefined) {
    const file = path.relative(ctx.root, path.resolve(context, dockerfile));
    if (file.startsWith('..') || path.isAbsolute(file)) {
      throw new BenchtopError(
        'INVALID_CONFIG',
        `${where}: Dockerfile "${dockerfile}" leads outside the project (${ctx.root}).`,
      );
    }
  }
  const target = typeof spec.target === 'string' ? spec.target : undefined;
  return {
    context,
    args: listOrMap(spec.args, ctx.env),
    where,
    ...(dockerfile === undefined ? {} : { dockerfile }),
    ...(target === undefined ? {} : { target }),
  };
}

function normalizeNetworks(value: unknown, ctx: ServiceContext): ServiceSpec['networks'] {
  const out: Record<string, { aliases: string[] }> = {};
  for (const network of namesOf(value)) {
    if (network !== 'default' && !ctx.declaredNetworks.has(network)) {
      throw new BenchtopError(
        'INVALID_CONFIG',
        `${ctx.place(['networks'])}: network "${network}" is used but not declared under the top-level "networks".`,
      );
    }
    const entry = isRecord(value) ? value[network] : undefined;
    out[network] = { aliases: isRecord(entry) ? namesOf(entry.aliases) : [] };
  }
  return out;
}

/** balena's supervisor restarts always unless told otherwise, unlike compose's "no". */
function restartPolicy(value: unknown, place: string): ServiceSpec['restart'] {
  if (value === undefined || value === null) return 'always';
  const text = scalarText(value);
  // "on-failure:5" keeps its retry count in raw; the model only needs the policy.
  const policy = text.split(':')[0];
  const found = restartPolicies.find((candidate) => candidate === policy);
  if (found === undefined) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${place}: restart "${text}" is not one of ${restartPolicies.join(', ')}.`,
    );
  }
  return found;
}

function deviceText(device: unknown): string {
  if (!isRecord(device)) return scalarText(device);
  const source = scalarText(device.source);
  const target = device.target === undefined ? source : scalarText(device.target);
  const permissions = device.permissions === undefined ? 'rwm' : scalarText(device.permissions);
  return `${source}:${target}:${permissions}`;
}
