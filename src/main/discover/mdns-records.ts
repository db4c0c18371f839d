// SPDX-License-Identifier: Apache-2.0
// Turns a decoded mDNS packet into a few plain records, dropping anything hostile or odd:
// the packet comes from whoever is on the bench network, so nothing in it is trusted.
import { isIPv4 } from 'node:net';

export type MdnsRecord =
  | { type: 'PTR'; name: string; ttl: number; target: string }
  | { type: 'SRV'; name: string; ttl: number; host: string; port: number }
  | { type: 'TXT'; name: string; ttl: number; txt: Record<string, string> }
  | { type: 'A'; name: string; ttl: number; address: string };

/** One packet may carry a few dozen records; more is a flood, not a board. */
const MAX_RECORDS = 256;
const MAX_NAME = 255;
const MAX_TXT_ENTRIES = 32;
const MAX_TXT_KEY = 64;
const MAX_TXT_VALUE = 255;
/** RFC 6762 caps TTLs in practice far below this; a bigger one would never expire. */
const MAX_TTL = 24 * 3600;

interface RawRecord {
  name?: unknown;
  type?: unknown;
  ttl?: unknown;
  data?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Lower-cased, without a trailing dot; undefined when it is not a name a board would send. */
export function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME) return undefined;
  // Control characters in a name only serve to garble a terminal or a log.
  if (/\p{Cc}/u.test(value)) return undefined;
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  return name.toLowerCase();
}

function cleanTtl(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return 0;
  return Math.min(Math.floor(value), MAX_TTL);
}

function decodeTxt(data: unknown): Record<string, string> {
  const parts = Array.isArray(data) ? data : [data];
  const txt: Record<string, string> = {};
  let count = 0;
  for (const part of parts) {
    if (count >= MAX_TXT_ENTRIES) break;
    const text =
      typeof part === 'string'
        ? part
        : part instanceof Uint8Array
          ? Buffer.from(part).toString('utf8')
          : undefined;
    if (text === undefined || text.length === 0) continue;
    const eq = text.indexOf('=');
    const key = (eq === -1 ? text : text.slice(0, eq)).replace(/[^\x20-\x7e]/g, '');
    if (key.length === 0 || key.length > MAX_TXT_KEY) continue;
    const value = eq === -1 ? '' : text.slice(eq + 1).replace(/\p{Cc}/gu, '');
    txt[key.toLowerCase()] = value.slice(0, MAX_TXT_VALUE);
    count++;
  }
  return txt;
}

function toRecord(raw: unknown): MdnsRecord | undefined {
  if (!isObject(raw)) return undefined;
  const { name: rawName, type, ttl: rawTtl, data } = raw as RawRecord;
  const name = cleanName(rawName);
  if (name === undefined) return undefined;
  const ttl = cleanTtl(rawTtl);
  switch (type) {
    case 'PTR': {
      const target = cleanName(data);
      return target === undefined ? undefined : { type, name, ttl, target };
    }
    case 'SRV': {
      if (!isObject(data)) return undefined;
      const host = cleanName(data['target']);
      const port = data['port'];
      if (host === undefined || typeof port !== 'number' || !Number.isInteger(port))
        return undefined;
      if (port < 1 || port > 65535) return undefined;
      return { type, name, ttl, host, port };
    }
    case 'TXT':
      return { type, name, ttl, txt: decodeTxt(data) };
    case 'A':
      return typeof data === 'string' && isIPv4(data)
        ? { type, name, ttl, address: data }
        : undefined;
    default:
      return undefined;
  }
}

/** Answers and additionals of a response, cleaned; anything malformed is left out. */
export function recordsOf(packet: unknown): MdnsRecord[] {
  if (!isObject(packet)) return [];
  const raw: unknown[] = [];
  for (const section of [packet['answers'], packet['additionals']]) {
    if (Array.isArray(section)) raw.push(...(section as unknown[]).slice(0, MAX_RECORDS));
  }
  const records: MdnsRecord[] = [];
  for (const item of raw.slice(0, MAX_RECORDS)) {
    const record = toRecord(item);
    if (record) records.push(record);
  }
  return records;
}
