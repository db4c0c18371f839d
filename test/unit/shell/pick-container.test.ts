// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { pickContainer, type ContainerEntry } from '../../../src/main/shell/pick-container.js';

const entry = (
  id: string,
  name: string,
  state: string,
  labels: Record<string, string> = {},
): ContainerEntry => ({ id, names: [`/${name}`], labels, state });
const pushed = (service: string, project: string) => ({
  'io.benchtop.service': service,
  'io.benchtop.project': project,
});

const board = [
  entry('aaaa1111', 'demo_web_1', 'running', pushed('web', 'demo')),
  entry('bbbb2222', 'demo_db_1', 'exited', pushed('db', 'demo')),
  entry('cccc3333', 'main_1_1', 'running', { 'io.balena.service-name': 'main' }),
  entry('dddd4444', 'loose', 'running'),
];

describe('pickContainer', () => {
  it('finds a service by its push label, the supervisor’s label, a container name or an id prefix', () => {
    expect(pickContainer(board, { service: 'web' }, 'b').id).toBe('aaaa1111');
    expect(pickContainer(board, { service: 'main' }, 'b').id).toBe('cccc3333');
    expect(pickContainer(board, { service: 'loose' }, 'b').id).toBe('dddd4444');
    expect(pickContainer(board, { service: 'dddd44' }, 'b').id).toBe('dddd4444');
    expect(pickContainer(board, { service: 'web', project: 'demo' }, 'b').project).toBe('demo');
  });

  it('names the running services when the one asked for does not exist', () => {
    expect(() => pickContainer(board, { service: 'nope' }, 'board0')).toThrow(
      'No service or container "nope" on board0. Running: loose, main, web (demo).',
    );
    expect(() => pickContainer([], { service: 'web' }, 'board0')).toThrow(/push a project first/);
  });

  it('refuses a stopped service, saying its state', () => {
    expect(() => pickContainer(board, { service: 'db' }, 'board0')).toThrow(
      /db \(demo\) is not running on board0 \(exited\)/,
    );
  });

  it('asks for the project when two projects run a service of that name', () => {
    const two = [...board, entry('eeee5555', 'other_web_1', 'running', pushed('web', 'other'))];
    expect(() => pickContainer(two, { service: 'web' }, 'b')).toThrow(/several projects/);
    expect(pickContainer(two, { service: 'web', project: 'other' }, 'b').id).toBe('eeee5555');
  });
});
