// SPDX-License-Identifier: Apache-2.0
// compose's many spellings of one value (list or map, string or list, "true" or true),
// each turned into the one form the Composition model holds.
import { BenchtopError } from '../../../shared/errors.js';

export type Place = (path: readonly (string | number)[], key?: string) => string;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as compose writes it into a string: numbers and booleans as typed, null as empty. */
export function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * `KEY=VALUE` list or `{KEY: VALUE}` map. A key without a value takes `fallback(key)`, and is
 * left out when that is undefined (compose does this for environment and build args).
 */
export function listOrMap(
  value: unknown,
  fallback: (key: string) => string | undefined = () => '',
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, text: string | undefined) => {
    if (text !== undefined) out[key] = text;
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      const entry = scalarText(item);
      const at = entry.indexOf('=');
      if (at < 0) put(entry, fallback(entry));
      else put(entry.slice(0, at), entry.slice(at + 1));
    }
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      put(key, item === null ? fallback(key) : scalarText(item));
    }
  }
  return out;
}

/** A list of names, or the keys of a map (depends_on, networks). */
export function namesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(scalarText);
  return isRecord(value) ? Object.keys(value) : [];
}

/** compose accepts "true"/"false" strings wherever a boolean goes (they come from interpolation). */
export function flag(value: unknown, fallback: boolean, place: string): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  const text = scalarText(value).toLowerCase();
  if (['true', 'yes', 'y', 'on', '1'].includes(text)) return true;
  if (['false', 'no', 'n', 'off', '0'].includes(text)) return false;
  throw new BenchtopError('INVALID_CONFIG', `${place}: expected true or false, found "${text}".`);
}

/** A command or entrypoint: a list as is, a string split as a POSIX shell splits words. */
export function commandLine(value: unknown, place: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(scalarText);
  return splitWords(scalarText(value), place);
}

function splitWords(text: string, place: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (char === '\\' && i + 1 < text.length) {
      const next = text[i + 1] ?? '';
      // Inside double quotes a backslash escapes only what the shell gives meaning to.
      word += quote === '"' && !'"\\$`'.includes(next) ? `\\${next}` : next;
      inWord = true;
      i += 1;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote !== undefined) {
    throw new BenchtopError('INVALID_CONFIG', `${place}: unclosed ${quote} quote in "${text}".`);
  }
  if (inWord) words.push(word);
  return words;
}
