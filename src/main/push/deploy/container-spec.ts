// SPDX-License-Identifier: Apache-2.0
// A service of the composition as the engine's create-container request: pure, so what a push
// asks for can be read and tested without an engine, and hashed to tell changed from unchanged.
import type Docker from 'dockerode';
import type { Composition, MountSpec, ServiceSpec } from '../composition.js';
import {
  DEFAULT_NETWORK,
  LOCK_DIR_TARGETS,
  lockVolumeName,
  networkName,
  volumeName,
} from './names.js';

export interface NetworkJoin {
  /** The network's name on the engine. */
  readonly network: string;
  readonly aliases: readonly string[];
}

export interface ContainerSpec {
  readonly service: string;
  /** The create request, without name and without Benchtop's config-hash label. */
  readonly create: Docker.ContainerCreateOptions;
  /** Engine API 1.41 takes one network at create time; the others are joined before start. */
  readonly networks: readonly NetworkJoin[];
  /** compose's `network_mode: service:x`: the engine needs x's container, known when applying. */
  readonly networkModeService?: string;
}

/** The networks a service joins, by engine name, each with the service name as an alias. */
export function serviceNetworks(composition: Composition, service: ServiceSpec): NetworkJoin[] {
  if (service.networkMode !== undefined) return [];
  const declared = Object.entries(service.networks);
  const joins = declared.length > 0 ? declared : [[DEFAULT_NETWORK, { aliases: [] }] as const];
  return joins.map(([name, { aliases }]) => ({
    network:
      composition.networks[name]?.external === true ? name : networkName(composition.name, name),
    aliases: [...new Set([service.name, ...aliases])],
  }));
}

function mount(composition: Composition, spec: MountSpec): Docker.MountSettings {
  const base = { Target: spec.target, ReadOnly: spec.readOnly };
  if (spec.type === 'tmpfs') return { ...base, Type: 'tmpfs', Source: '' };
  if (spec.type === 'bind') return { ...base, Type: 'bind', Source: spec.source ?? '' };
  if (spec.source === undefined) return { ...base, Type: 'volume', Source: '' };
  const external = composition.volumes[spec.source]?.external === true;
  return {
    ...base,
    Type: 'volume',
    Source: external ? spec.source : volumeName(composition.name, spec.source),
  };
}

function device(text: string): {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
} {
  const [host = text, inside, permissions] = text.split(':');
  return {
    PathOnHost: host,
    PathInContainer: inside ?? host,
    CgroupPermissions: permissions ?? 'rwm',
  };
}

function portsOf(service: ServiceSpec): Pick<Docker.ContainerCreateOptions, 'ExposedPorts'> & {
  bindings: Docker.PortMap;
} {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const target of service.expose) exposed[`${target}/tcp`] = {};
  for (const port of service.ports) {
    const key = `${port.target}/${port.protocol}`;
    exposed[key] = {};
    const binding = {
      HostIp: port.hostIp ?? '',
      HostPort: port.published === undefined ? '' : String(port.published),
    };
    bindings[key] = [...(bindings[key] ?? []), binding];
  }
  return { ExposedPorts: exposed, bindings };
}

/** The labels that find a container later (config hash added once the spec is hashed). */
export function serviceLabels(
  composition: Composition,
  service: ServiceSpec,
): Record<string, string> {
  return {
    ...service.labels,
    'io.benchtop.project': composition.name,
    'io.benchtop.service': service.name,
  };
}

export function containerSpec(composition: Composition, service: ServiceSpec): ContainerSpec {
  const networks = serviceNetworks(composition, service);
  const [first] = networks;
  const { ExposedPorts, bindings } = portsOf(service);
  const lockVolume = lockVolumeName(composition.name, service.name);
  const modeService = service.networkMode?.startsWith('service:')
    ? service.networkMode.slice('service:'.length)
    : undefined;
  const create: Docker.ContainerCreateOptions = {
    Image: service.image,
    Env: Object.entries(service.environment)
      .map(([key, value]) => `${key}=${value}`)
      .sort(),
    Labels: serviceLabels(composition, service),
    ExposedPorts,
    Tty: service.tty,
    ...(service.command === undefined ? {} : { Cmd: [...service.command] }),
    ...(service.entrypoint === undefined ? {} : { Entrypoint: [...service.entrypoint] }),
    ...(service.workingDir === undefined ? {} : { WorkingDir: service.workingDir }),
    ...(service.user === undefined ? {} : { User: service.user }),
    ...(service.stopSignal === undefined ? {} : { StopSignal: service.stopSignal }),
    HostConfig: {
      // Without an init, a shell or httpd as PID 1 ignores SIGTERM and every stop waits 10 s.
      Init: service.init,
      RestartPolicy: { Name: service.restart },
      Privileged: service.privileged,
      CapAdd: [...service.capAdd],
      CapDrop: [...service.capDrop],
      Devices: service.devices.map(device),
      PortBindings: bindings,
      Mounts: [
        ...service.mounts.map((spec) => mount(composition, spec)),
        ...LOCK_DIR_TARGETS.map((target) => ({
          Type: 'volume' as const,
          Source: lockVolume,
          Target: target,
        })),
      ],
      // `service:x` stays as written here (stable for the hash); applying resolves x.
      NetworkMode: service.networkMode ?? first?.network ?? 'none',
    },
    ...(first === undefined
      ? {}
      : {
          NetworkingConfig: {
            EndpointsConfig: { [first.network]: { Aliases: [...first.aliases] } },
          },
        }),
  };
  return {
    service: service.name,
    create,
    networks,
    ...(modeService === undefined ? {} : { networkModeService: modeService }),
  };
}
