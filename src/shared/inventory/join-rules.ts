// SPDX-License-Identifier: Apache-2.0
// Which record a board heard over mDNS belongs to, as small pure rules (the shape of
// drive-constraints.ts). A sighting joins a record when its uuid, its hostname, or a
// balenaOS default hostname (the uuid's first 7 characters) says so, and only when exactly one
// record and one sighting agree: anything else is a conflict for a person to settle, never
// a merge.
import { bareHostname } from './board-name.js';

export interface RecordKeys {
  id: number;
  uuid: string | null;
  hostname: string | null;
}

export interface Sighting {
  /** The BoardList's id of the board heard (`mdns:<interface>:<instance>`). */
  key: string;
  hostname: string | null;
  /** A full uuid when the advert or a probe told it. */
  uuid?: string | null | undefined;
}

export type JoinedBy = 'uuid' | 'hostname' | 'short-uuid';

export interface Join {
  sighting: Sighting;
  recordId: number;
  by: JoinedBy;
}

export interface Conflict {
  kind: 'sighting-matches-several' | 'record-claimed-twice' | 'records-share-hostname';
  recordIds: number[];
  sightings: string[];
  message: string;
}

export interface JoinOutcome {
  joined: Join[];
  /** Heard, but in no record: a board Benchtop did not flash (or whose record was forgotten). */
  unknown: Sighting[];
  conflicts: Conflict[];
  /** Records no sighting joined: flashed (or added) but not heard now. */
  unseen: number[];
}

const SHORT_UUID = /^[0-9a-f]{7}$/;

export const matchesUuid = (record: RecordKeys, sighting: Sighting): boolean =>
  !!record.uuid && !!sighting.uuid && record.uuid.toLowerCase() === sighting.uuid.toLowerCase();

export const matchesHostname = (record: RecordKeys, sighting: Sighting): boolean =>
  !!record.hostname &&
  !!sighting.hostname &&
  bareHostname(record.hostname) === bareHostname(sighting.hostname);

/** balenaOS names a board by its uuid's first 7 characters until a hostname is set. */
export function matchesShortUuid(record: RecordKeys, sighting: Sighting): boolean {
  if (!record.uuid || !sighting.hostname) return false;
  const host = bareHostname(sighting.hostname);
  return SHORT_UUID.test(host) && record.uuid.toLowerCase().startsWith(host);
}

/** The first rule by which a sighting belongs to a record, if any. */
const joinedBy = (record: RecordKeys, sighting: Sighting): JoinedBy | undefined =>
  matchesUuid(record, sighting)
    ? 'uuid'
    : matchesHostname(record, sighting)
      ? 'hostname'
      : matchesShortUuid(record, sighting)
        ? 'short-uuid'
        : undefined;

/**
 * Records by each key a sighting can name them by, so joining a test stand's boards costs a
 * look-up per sighting instead of a pass over every record (the Devices pane joins on every
 * change).
 */
export class RecordIndex {
  private readonly keyed = new Map<string, RecordKeys[]>();
  private readonly order = new Map<RecordKeys, number>();

  constructor(records: readonly RecordKeys[]) {
    records.forEach((record, at) => {
      this.order.set(record, at);
      if (record.uuid) {
        const uuid = record.uuid.toLowerCase();
        this.add(`u:${uuid}`, record);
        this.add(`s:${uuid.slice(0, 7)}`, record);
      }
      if (record.hostname) this.add(`h:${bareHostname(record.hostname)}`, record);
    });
  }

  /** Every record a sighting could belong to, with the first rule that says so. */
  candidates(sighting: Sighting): { recordId: number; by: JoinedBy }[] {
    const host = sighting.hostname ? bareHostname(sighting.hostname) : undefined;
    const found = new Set([
      ...(sighting.uuid ? (this.keyed.get(`u:${sighting.uuid.toLowerCase()}`) ?? []) : []),
      ...(host ? (this.keyed.get(`h:${host}`) ?? []) : []),
      ...(host ? (this.keyed.get(`s:${host}`) ?? []) : []),
    ]);
    return [...found]
      .sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0))
      .flatMap((record) => {
        const by = joinedBy(record, sighting);
        return by ? [{ recordId: record.id, by }] : [];
      });
  }

  private add(key: string, record: RecordKeys): void {
    const list = this.keyed.get(key);
    if (list) list.push(record);
    else this.keyed.set(key, [record]);
  }
}

const name = (s: Sighting): string => s.hostname ?? s.uuid ?? s.key;

/** Records that give one hostname to two boards: which one a sighting of it is, is unclear. */
export function recordConflicts(records: readonly RecordKeys[]): Conflict[] {
  const byHost = new Map<string, number[]>();
  for (const record of records) {
    if (!record.hostname) continue;
    const host = bareHostname(record.hostname);
    byHost.set(host, [...(byHost.get(host) ?? []), record.id]);
  }
  return [...byHost].flatMap(([host, ids]) =>
    ids.length < 2
      ? []
      : [
          {
            kind: 'records-share-hostname' as const,
            recordIds: ids,
            sightings: [],
            message: `Boards ${ids.map((id) => `#${id}`).join(', ')} all claim the hostname ${host}; rename or forget all but one.`,
          },
        ],
  );
}

export function joinSightings(
  records: readonly RecordKeys[],
  sightings: readonly Sighting[],
): JoinOutcome {
  const conflicts: Conflict[] = recordConflicts(records);
  const unknown: Sighting[] = [];
  const tentative: Join[] = [];
  const index = new RecordIndex(records);
  for (const sighting of sightings) {
    const found = index.candidates(sighting);
    const [only] = found;
    if (found.length === 0) unknown.push(sighting);
    else if (found.length === 1 && only) tentative.push({ sighting, ...only });
    else
      conflicts.push({
        kind: 'sighting-matches-several',
        recordIds: found.map((c) => c.recordId),
        sightings: [sighting.key],
        message: `${name(sighting)} matches ${found.length} boards (${found.map((c) => `#${c.recordId} by ${c.by}`).join(', ')}); it was joined to none.`,
      });
  }
  const byRecord = new Map<number, Join[]>();
  for (const join of tentative)
    byRecord.set(join.recordId, [...(byRecord.get(join.recordId) ?? []), join]);
  const joined: Join[] = [];
  for (const [recordId, joins] of byRecord) {
    const [first] = joins;
    if (joins.length === 1 && first) joined.push(first);
    else
      conflicts.push({
        kind: 'record-claimed-twice',
        recordIds: [recordId],
        sightings: joins.map((j) => j.sighting.key),
        message: `${joins.length} boards claim board #${recordId}'s identity (${joins.map((j) => `${name(j.sighting)} by ${j.by}`).join(', ')}); none was joined.`,
      });
  }
  const claimed = new Set([...byRecord.keys()]);
  for (const conflict of conflicts) for (const id of conflict.recordIds) claimed.add(id);
  const unseen = records.filter((r) => !claimed.has(r.id)).map((r) => r.id);
  return { joined, unknown, conflicts, unseen };
}
