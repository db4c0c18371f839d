// SPDX-License-Identifier: Apache-2.0
// compose ports (short "[[ip:]published:]target[/proto]" with ranges, or long objects) and
// expose entries, as one PortSpec per container port.
import { BenchtopError } from '../../../shared/errors.js';
import type { PortSpec } from '../composition.js';
import { isRecord, scalarText } from './compose-values.js';

export function normalizePorts(value: unknown, place: (index: number) => string): PortSpec[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, index) =>
    isRecord(entry) ? [longPort(entry, place(index))] : shortPort(scalarText(entry), place(index)),
  );
}

export function normalizeExpose(value: unknown, place: (index: number) => string): number[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, index) => {
    const [ports] = scalarText(entry).split('/');
    return portRange(ports ?? '', place(index));
  });
}

function longPort(entry: Record<string, unknown>, place: string): PortSpec {
  const target = portNumber(scalarText(entry.target), place);
  const published =
    entry.published === undefined || entry.published === null || entry.published === ''
      ? undefined
      : portNumber(scalarText(entry.published), place);
  const hostIp =
    typeof entry.host_ip === 'string' && entry.host_ip !== '' ? entry.host_ip : undefined;
  return {
    target,
    protocol: protocol(scalarText(entry.protocol ?? 'tcp'), place),
    ...(published === undefined ? {} : { published }),
    ...(hostIp === undefined ? {} : { hostIp }),
  };
}

function shortPort(text: string, place: string): PortSpec[] {
  const [mapping = '', proto = 'tcp'] = text.split('/');
  // An IPv6 host address comes in brackets: "[::1]:80:80".
  const ipv6 = /^\[([^\]]+)\]:(.*)$/.exec(mapping);
  const parts = ipv6 ? [ipv6[1] ?? '', ...(ipv6[2] ?? '').split(':')] : mapping.split(':');
  if (parts.length > 3 || parts.some((part, index) => part === '' && index !== 1)) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${place}: port "${text}" is not [[IP:]HOST:]CONTAINER[/PROTOCOL].`,
    );
  }
  const targetText = parts[parts.length - 1] ?? '';
  const publishedText = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
  const hostIp = parts.length === 3 ? parts[0] : undefined;
  const targets = portRange(targetText, place);
  const published = publishedText === '' ? [] : portRange(publishedText, place);
  if (published.length > 1 && published.length !== targets.length) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${place}: port ranges in "${text}" differ in length.`,
    );
  }
  return targets.map((target, index) => {
    const host = published.length > 1 ? published[index] : published[0];
    return {
      target,
      protocol: protocol(proto, place),
      ...(host === undefined ? {} : { published: host }),
      ...(hostIp === undefined ? {} : { hostIp }),
    };
  });
}

function portRange(text: string, place: string): number[] {
  const [first = '', last] = text.split('-');
  const start = portNumber(first, place);
  const end = last === undefined ? start : portNumber(last, place);
  if (end < start)
    throw new BenchtopError('INVALID_CONFIG', `${place}: port range "${text}" runs backwards.`);
  return Array.from({ length: end - start + 1 }, (_, index) => start + index);
}

function portNumber(text: string, place: string): number {
  const port = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${place}: "${text}" is not a port number (1-65535).`,
    );
  }
  return port;
}

function protocol(text: string, place: string): 'tcp' | 'udp' {
  const value = text.toLowerCase();
  if (value === 'tcp' || value === 'udp') return value;
  throw new BenchtopError('INVALID_CONFIG', `${place}: protocol "${text}" is not tcp or udp.`);
}
