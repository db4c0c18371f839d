// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import {
  ClientSubscriptions,
  ClientTopics,
  keyOf,
  MAX_TOPICS_PER_CLIENT,
  type Topic,
} from '../../../src/shared/subscriptions.js';

const chunk = (sessionId: string) => ({ sessionId, seq: 1, data: '' });

describe('keyOf', () => {
  it('reads the field the contract names, and nothing for events without one', () => {
    expect(keyOf('console.data', chunk('s1'))).toBe('s1');
    expect(keyOf('job.update', { id: 'j1' })).toBe('j1');
    expect(keyOf('drives.changed', [])).toBeUndefined();
    expect(keyOf('console.data', null)).toBeUndefined();
    expect(keyOf('no.such', { id: 'x' })).toBeUndefined();
  });
});

describe('ClientSubscriptions', () => {
  it('puts a topic on the wire once for its first listener and off after its last', () => {
    const wire: string[] = [];
    const table = new ClientSubscriptions({
      subscribe: (t: Topic) => wire.push(`+${t.event}/${t.key ?? '*'}`),
      unsubscribe: (t: Topic) => wire.push(`-${t.event}/${t.key ?? '*'}`),
    });
    const listener = (): void => undefined;
    const a = table.add({ event: 'console.data', key: 's1' }, listener);
    const b = table.add({ event: 'console.data', key: 's1' }, listener);
    a();
    a();
    expect(wire).toEqual(['+console.data/s1']);
    b();
    expect(wire).toEqual(['+console.data/s1', '-console.data/s1']);
  });

  it('hands an event to unkeyed listeners and to those of its own key only', () => {
    const table = new ClientSubscriptions({
      subscribe: () => undefined,
      unsubscribe: () => undefined,
    });
    const seen: string[] = [];
    table.add({ event: 'console.data' }, () => seen.push('all'));
    table.add({ event: 'console.data', key: 's1' }, () => seen.push('s1'));
    table.add({ event: 'console.data', key: 's2' }, () => seen.push('s2'));
    table.deliver('console.data', chunk('s1'));
    expect(seen).toEqual(['all', 's1']);
  });
});

describe('ClientTopics', () => {
  it('matches unkeyed and keyed topics, and refuses unknown events', () => {
    const topics = new ClientTopics();
    expect(topics.add({ event: 'nope' })).toBe(false);
    topics.add({ event: 'console.data', key: 's1' });
    expect(topics.wants('console.data', chunk('s1'))).toBe(true);
    expect(topics.wants('console.data', chunk('s2'))).toBe(false);
    topics.add({ event: 'console.data' });
    expect(topics.wants('console.data', chunk('s2'))).toBe(true);
    topics.delete({ event: 'console.data' });
    expect(topics.wants('console.data', chunk('s2'))).toBe(false);
  });

  it('stops taking topics from one client past the limit', () => {
    const topics = new ClientTopics();
    for (let n = 0; n < MAX_TOPICS_PER_CLIENT; n++)
      topics.add({ event: 'job.update', key: `j${n}` });
    expect(topics.add({ event: 'job.update', key: 'one-more' })).toBe(false);
    expect(topics.wants('job.update', { id: 'one-more' })).toBe(false);
  });
});
