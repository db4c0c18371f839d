// SPDX-License-Identifier: Apache-2.0
// One compose file parsed as a YAML document that keeps positions, so every later error
// (interpolation, schema, a missing build or image) can name its file, line and column.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  isCollection,
  isMap,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import { BenchtopError } from '../../../shared/errors.js';
import { InterpolationError, interpolate, type Lookup } from './interpolate.js';

export interface YamlSource {
  /** Path as shown to people: relative to the project root. */
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

export type YamlPath = readonly (string | number)[];

/** Reads and parses a compose file; a syntax error names file, line and column. */
export async function readYamlSource(root: string, name: string): Promise<YamlSource> {
  const text = await readFile(path.join(root, name), 'utf8');
  return parseYamlSource(text, name);
}

export function parseYamlSource(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const { line, col } = lines.linePos(first.pos[0]);
    const reason = first.message.split('\n')[0] ?? first.message;
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${file}:${line}:${col}: YAML syntax error: ${reason}`,
    );
  }
  return { file, doc, lines };
}

/** "file:line:col" of the node at `at` (or of its nearest ancestor that exists). */
export function where(source: YamlSource, at: YamlPath, key?: string): string {
  const node = nodeAt(source, at, key);
  const offset = node?.range?.[0];
  if (offset === undefined) return source.file;
  const { line, col } = source.lines.linePos(offset);
  return `${source.file}:${line}:${col}`;
}

/** The value node at `at`, or with `key` the key node of that entry in the map at `at`. */
function nodeAt(source: YamlSource, at: YamlPath, key?: string): Node | undefined {
  let found: Node | undefined = source.doc.contents ?? undefined;
  for (const step of at) {
    const next: unknown = isCollection(found) ? found.get(step, true) : undefined;
    if (!isNode(next)) return found;
    found = next;
  }
  if (key !== undefined && isMap(found)) {
    const pair = found.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (pair !== undefined && isScalar(pair.key)) return pair.key;
  }
  return found;
}

function isNode(value: unknown): value is Node {
  return isCollection(value) || isScalar(value);
}

/**
 * Interpolates every string value (never keys, as compose does) in place. Each unset variable
 * is reported once with the place it was first used.
 */
export function interpolateSource(
  source: YamlSource,
  lookup: Lookup,
  unset: (name: string, place: string) => void,
): void {
  visit(source.doc, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('$')) return;
      const place = () => {
        const offset = node.range?.[0] ?? 0;
        const { line, col } = source.lines.linePos(offset);
        return `${source.file}:${line}:${col}`;
      };
      try {
        node.value = interpolate(node.value, lookup, (name) => unset(name, place()));
      } catch (error) {
        if (!(error instanceof InterpolationError)) throw error;
        throw new BenchtopError('INVALID_CONFIG', `${place()}: ${error.message}`);
      }
    },
  });
}
