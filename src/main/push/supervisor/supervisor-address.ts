// SPDX-License-Identifier: Apache-2.0
// A board's address as people type it ("10.0.0.5", "board.local", "fe80::1", "[::1]:48484")
// to the base URL of its supervisor. An explicit port is for tests and port forwards.
import { BenchtopError } from '../../../shared/errors.js';
import { SUPERVISOR_PORT } from './supervisor-errors.js';

export function supervisorBaseUrl(address: string): string {
  const { host, port } = splitAddress(address.trim());
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `http://${hostPart}:${port}`;
}

function splitAddress(address: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  if (bracketed) return { host: bracketed[1] ?? '', port: portOf(bracketed[2]) };
  const colons = address.split(':').length - 1;
  // One colon is host:port; more is a bare IPv6 address, which cannot carry a port unbracketed.
  if (colons === 1) {
    const [host = '', port] = address.split(':');
    return { host, port: portOf(port) };
  }
  return { host: address, port: SUPERVISOR_PORT };
}

function portOf(text: string | undefined): number {
  if (text === undefined || text === '') return SUPERVISOR_PORT;
  const port = Number(text);
  if (Number.isInteger(port) && port > 0 && port < 65536) return port;
  throw new BenchtopError('INVALID_INPUT', `"${text}" is not a port number (1-65535).`);
}
