// SPDX-License-Identifier: Apache-2.0
// One service's compose keys in the spellings a supervisor parses. project/'s supervisorService
// keeps compose's keys as written (minus build, develop and x-); compose allows long forms the
// supervisor does not read (ports as objects, environment as a list, depends_on as a map), so
// those come from the normalized model instead.
import type { PortSpec, ServiceSpec } from '../composition.js';
import { supervisorService } from '../project/index.js';

/** The compose part of a v2 target-state service, its image set to `image`. */
export function supervisorServiceConfig(
  service: ServiceSpec,
  image: string,
): Record<string, unknown> {
  const config: Record<string, unknown> = {
    ...supervisorService(service),
    image,
    environment: { ...service.environment },
    labels: { ...service.labels },
  };
  if ('ports' in config) config.ports = service.ports.map(portText);
  if ('depends_on' in config) config.depends_on = [...service.dependsOn];
  if ('devices' in config) config.devices = [...service.devices];
  if ('expose' in config) config.expose = service.expose.map(String);
  return config;
}

/** compose's short port syntax, the only one the supervisor parses: [ip:][published:]target/proto. */
export function portText(port: PortSpec): string {
  const target = `${port.target}/${port.protocol}`;
  if (port.published === undefined) return target;
  const host = port.hostIp === undefined ? '' : `${bracketed(port.hostIp)}:`;
  return `${host}${port.published}:${target}`;
}

function bracketed(ip: string): string {
  return ip.includes(':') ? `[${ip}]` : ip;
}
