// SPDX-License-Identifier: Apache-2.0
// compose volumes (short "source:target[:mode]" or long objects) as MountSpecs: named volumes
// by their declared name, binds as absolute host paths (relative ones from the project root).
import os from 'node:os';
import path from 'node:path';
import { BenchtopError } from '../../../shared/errors.js';
import type { MountSpec } from '../composition.js';
import { isRecord, scalarText } from './compose-values.js';

export interface MountContext {
  readonly root: string;
  /** Named volumes the project declares: a mount of any other name is an error. */
  readonly declaredVolumes: ReadonlySet<string>;
}

export function normalizeMounts(
  value: unknown,
  context: MountContext,
  place: (index: number) => string,
): MountSpec[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry, index) => {
    const mount = isRecord(entry)
      ? longMount(entry, context, place(index))
      : shortMount(scalarText(entry), context, place(index));
    if (
      mount.type === 'volume' &&
      mount.source !== undefined &&
      !context.declaredVolumes.has(mount.source)
    ) {
      throw new BenchtopError(
        'INVALID_CONFIG',
        `${place(index)}: volume "${mount.source}" is used but not declared under the top-level "volumes".`,
      );
    }
    return mount;
  });
}

function shortMount(text: string, context: MountContext, place: string): MountSpec {
  const parts = text.split(':');
  if (parts.length === 1) return { type: 'volume', target: text, readOnly: false };
  if (parts.length > 3 || parts.some((part) => part === '')) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${place}: volume "${text}" is not SOURCE:TARGET[:MODE].`,
    );
  }
  const [source = '', target = '', mode = 'rw'] = parts;
  const readOnly = mode.split(',').includes('ro');
  return isHostPath(source)
    ? { type: 'bind', source: hostPath(source, context.root), target, readOnly }
    : { type: 'volume', source, target, readOnly };
}

function longMount(
  entry: Record<string, unknown>,
  context: MountContext,
  place: string,
): MountSpec {
  const type = scalarText(entry.type);
  const target = scalarText(entry.target);
  const source = entry.source === undefined ? undefined : scalarText(entry.source);
  const readOnly = entry.read_only === true || entry.read_only === 'true';
  if (type !== 'volume' && type !== 'bind' && type !== 'tmpfs') {
    throw new BenchtopError(
      'UNSUPPORTED',
      `${place}: mount type "${type}" is not supported on a board (volume, bind or tmpfs).`,
    );
  }
  if (type === 'bind') {
    if (source === undefined)
      throw new BenchtopError('INVALID_CONFIG', `${place}: a bind mount needs a source.`);
    return { type, source: hostPath(source, context.root), target, readOnly };
  }
  if (type === 'tmpfs' || source === undefined || source === '') return { type, target, readOnly };
  return { type, source, target, readOnly };
}

function isHostPath(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
}

/** Bind sources are paths on the board: absolute stays, relative and ~ resolve as compose does. */
function hostPath(source: string, root: string): string {
  if (source === '~' || source.startsWith('~/')) return path.join(os.homedir(), source.slice(1));
  return path.resolve(root, source);
}
