// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import {
  joinSightings,
  matchesShortUuid,
  recordConflicts,
} from '../../../src/shared/inventory/join-rules.js';

const UUID_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const UUID_B = 'b1b2c3d4e5f60718293a4b5c6d7e8f90';
const records = [
  { id: 1, uuid: UUID_A, hostname: 'slot01' },
  { id: 2, uuid: UUID_B, hostname: null },
  { id: 3, uuid: null, hostname: 'lab-pi' },
];

describe('joining boards heard over mDNS to the inventory', () => {
  it('joins by hostname (any case, with .local), by uuid, and by the default short-uuid hostname', () => {
    const outcome = joinSightings(records, [
      { key: 'm1', hostname: 'SLOT01.local' },
      { key: 'm2', hostname: 'b1b2c3d.local' },
      { key: 'm3', hostname: 'renamed', uuid: UUID_A.toUpperCase() },
    ]);
    expect(outcome.joined.map((j) => [j.sighting.key, j.recordId, j.by])).toEqual([
      ['m2', 2, 'short-uuid'],
    ]);
    // m1 and m3 both claim record 1: a conflict, joined to neither.
    expect(outcome.conflicts).toEqual([
      expect.objectContaining({
        kind: 'record-claimed-twice',
        recordIds: [1],
        sightings: ['m1', 'm3'],
        message: expect.stringMatching(
          /2 boards claim board #1's identity \(SLOT01.local by hostname, renamed by uuid\)/,
        ) as string,
      }),
    ]);
    expect(outcome.unseen).toEqual([3]);
  });

  it('joins each board to its own record and lists the unknown and the unseen', () => {
    const outcome = joinSightings(records, [
      { key: 'm1', hostname: 'slot01.local' },
      { key: 'm2', hostname: 'lab-pi.local' },
      { key: 'm9', hostname: 'stranger.local' },
    ]);
    expect(outcome.joined.map((j) => [j.sighting.key, j.recordId, j.by])).toEqual([
      ['m1', 1, 'hostname'],
      ['m2', 3, 'hostname'],
    ]);
    expect(outcome.unknown.map((s) => s.key)).toEqual(['m9']);
    expect(outcome.unseen).toEqual([2]);
    expect(outcome.conflicts).toEqual([]);
  });

  it('reports a board matching two records (uuid of one, hostname of another) and joins neither', () => {
    const outcome = joinSightings(records, [{ key: 'm1', hostname: 'lab-pi', uuid: UUID_B }]);
    expect(outcome.joined).toEqual([]);
    expect(outcome.conflicts[0]).toMatchObject({
      kind: 'sighting-matches-several',
      recordIds: [2, 3],
      message: 'lab-pi matches 2 boards (#2 by uuid, #3 by hostname); it was joined to none.',
    });
    expect(outcome.unseen).toEqual([1]);
  });

  it('reports two records claiming one hostname, and joins neither of them', () => {
    const twins = [...records, { id: 4, uuid: null, hostname: 'Lab-Pi.local' }];
    expect(recordConflicts(twins)).toEqual([
      expect.objectContaining({ kind: 'records-share-hostname', recordIds: [3, 4] }),
    ]);
    const outcome = joinSightings(twins, [{ key: 'm1', hostname: 'lab-pi.local' }]);
    expect(outcome.joined).toEqual([]);
    expect(outcome.conflicts.map((c) => c.kind)).toEqual([
      'records-share-hostname',
      'sighting-matches-several',
    ]);
  });

  it('takes a 7-character hostname as a short uuid only when it is hex', () => {
    expect(matchesShortUuid(records[0]!, { key: 'x', hostname: 'a1b2c3d' })).toBe(true);
    expect(matchesShortUuid(records[0]!, { key: 'x', hostname: 'a1b2c3' })).toBe(false);
    expect(matchesShortUuid(records[2]!, { key: 'x', hostname: 'a1b2c3d' })).toBe(false);
  });
});
