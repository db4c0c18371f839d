// SPDX-License-Identifier: Apache-2.0
// Which container stands for a service, and what a start event tells a follow.
import { describe, expect, it } from 'vitest';
import { startedContainer } from '../../../src/main/push/logs/engine-events.js';
import { backoffDelay } from '../../../src/main/push/logs/wait-for-engine.js';
import {
  currentPerService,
  type ProjectContainer,
} from '../../../src/main/push/services/project-containers.js';

const container = (
  id: string,
  service: string,
  state: string,
  created: number,
): ProjectContainer => ({
  id,
  project: 'demo',
  service,
  state,
  image: 'local_image_x:latest',
  created,
});

describe('one container per service', () => {
  it('prefers the running container, else the newest (a hand-over leaves two for a while)', () => {
    const chosen = currentPerService([
      container('old-web', 'web', 'running', 10),
      container('new-web', 'web', 'created', 20),
      container('db-1', 'db', 'exited', 5),
      container('db-2', 'db', 'exited', 7),
    ]);
    expect(chosen.map((c) => c.id).sort()).toEqual(['db-2', 'old-web']);
  });
});

describe('start events', () => {
  // As dockerd 20.10 sends a start event on GET /events (labels among the attributes).
  const event = {
    status: 'start',
    id: 'c0ffee',
    from: 'bench/busybox',
    Type: 'container',
    Action: 'start',
    Actor: {
      ID: 'c0ffee',
      Attributes: {
        image: 'bench/busybox',
        name: 'demo_web_1',
        'io.benchtop.project': 'demo',
        'io.benchtop.service': 'web',
      },
    },
    scope: 'local',
    time: 1764576000,
    timeNano: 1764576000123456800,
  };

  it("names the project's container that started", () => {
    expect(startedContainer(JSON.stringify(event))).toEqual({
      id: 'c0ffee',
      project: 'demo',
      service: 'web',
      state: 'running',
      image: 'bench/busybox',
      created: 1764576000,
    });
  });

  it('ignores a container without our labels and a line that is not JSON', () => {
    const foreign = { ...event, Actor: { ID: 'beef', Attributes: { name: 'other' } } };
    expect(startedContainer(JSON.stringify(foreign))).toBeNull();
    expect(startedContainer('{not json')).toBeNull();
  });
});

describe('reconnect backoff', () => {
  it('asks soon, then less often, never less than every 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(backoffDelay)).toEqual([
      250, 500, 1000, 2000, 5000, 5000, 5000,
    ]);
  });
});
