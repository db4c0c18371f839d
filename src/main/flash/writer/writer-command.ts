// SPDX-License-Identifier: Apache-2.0
// The writer's own check of what arrives on its stdin. The engine's side (protocol.ts) uses
// zod, but loading zod costs the root writer 80-200 ms before its first byte, for a handful of
// fields: this checks the same shape by hand. test/unit/flash/writer-command.test.ts holds
// both to the same answers.
import { isAbsolute } from 'node:path';
import type { WriterCommand, WriterRequest } from './protocol.js';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isSize = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

function target(value: unknown): WriterRequest['targets'][number] | undefined {
  if (!isObject(value) || !isString(value['device']) || !isSize(value['size'])) return undefined;
  const mountpoints = value['mountpoints'] ?? [];
  if (!Array.isArray(mountpoints) || !mountpoints.every(isString)) return undefined;
  return { device: value['device'], size: value['size'], mountpoints };
}

function files(value: unknown): WriterRequest['files'] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: WriterRequest['files'] = [];
  for (const entry of value) {
    if (entry === null) out.push(null);
    else if (!Array.isArray(entry)) return undefined;
    else {
      const list = entry.filter(
        (file): file is { path: string; content: string } =>
          isObject(file) && isString(file['path']) && isString(file['content']),
      );
      if (list.length !== entry.length) return undefined;
      out.push(list.map(({ path, content }) => ({ path, content })));
    }
  }
  return out;
}

function request(value: Fields): WriterRequest | undefined {
  const { token, image, tmpdir, verify, trim, bmap, bootPartition } = value;
  if (!isString(token) || token.length < 32 || !isString(image)) return undefined;
  if (!isString(tmpdir) || !isAbsolute(tmpdir)) return undefined;
  if (typeof verify !== 'boolean' || typeof trim !== 'boolean') return undefined;
  if (bmap !== undefined && !isString(bmap)) return undefined;
  if (
    bootPartition !== undefined &&
    !(typeof bootPartition === 'number' && Number.isInteger(bootPartition) && bootPartition > 0)
  )
    return undefined;
  const rawTargets = value['targets'];
  if (!Array.isArray(rawTargets) || rawTargets.length === 0) return undefined;
  const targets = rawTargets.map(target);
  const perTarget = files(value['files']);
  if (perTarget === undefined || !targets.every((t) => t !== undefined)) return undefined;
  return {
    type: 'start',
    token,
    image,
    tmpdir,
    targets,
    verify,
    trim,
    ...(bmap !== undefined ? { bmap } : {}),
    ...(bootPartition !== undefined ? { bootPartition } : {}),
    files: perTarget,
  };
}

/** One line from the engine as a command, or undefined when it is not one (ignored). */
export function parseWriterCommand(line: string): WriterCommand | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if (value['type'] === 'cancel')
    return isString(value['token']) ? { type: 'cancel', token: value['token'] } : undefined;
  return value['type'] === 'start' ? request(value) : undefined;
}
