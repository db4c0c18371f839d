// SPDX-License-Identifier: Apache-2.0
// The project's `.env` file as compose reads it: KEY=VALUE lines, `export` allowed, comments,
// single quotes literal, double quotes with escapes, unquoted and double-quoted values interpolated.
import { InterpolationError, interpolate, type Lookup } from './interpolate.js';

const linePattern = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=(.*))?$/;
const escapes: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  $: '$$',
};

/** Parses a .env text; `outer` looks up variables it references that it does not define itself. */
export function parseDotenv(text: string, file: string, outer: Lookup): Record<string, string> {
  const values: Record<string, string> = {};
  const lookup: Lookup = (name) => outer(name) ?? values[name];
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*(#|$)/.test(line)) return;
    const match = linePattern.exec(line);
    if (match === null) {
      throw new InterpolationError(
        `${file}:${index + 1}: expected KEY=VALUE, found "${line.trim()}".`,
      );
    }
    const key = match[1] ?? '';
    const raw = (match[2] ?? '').trim();
    try {
      values[key] = parseValue(raw, lookup);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InterpolationError(`${file}:${index + 1}: ${reason}`);
    }
  });
  return values;
}

function parseValue(raw: string, lookup: Lookup): string {
  if (raw.startsWith("'")) {
    const end = raw.indexOf("'", 1);
    if (end < 0) throw new InterpolationError('missing closing single quote');
    return raw.slice(1, end);
  }
  if (raw.startsWith('"')) {
    let out = '';
    for (let i = 1; i < raw.length; i += 1) {
      const char = raw[i] ?? '';
      if (char === '"') return interpolate(out, lookup);
      if (char === '\\' && i + 1 < raw.length) {
        const next = raw[i + 1] ?? '';
        out += escapes[next] ?? `\\${next}`;
        i += 1;
      } else {
        out += char;
      }
    }
    throw new InterpolationError('missing closing double quote');
  }
  // An unquoted value ends at a " #" comment.
  const value = raw.replace(/\s+#.*$/, '').trim();
  return interpolate(value, lookup);
}
