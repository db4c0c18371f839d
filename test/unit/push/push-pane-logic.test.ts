// SPDX-License-Identifier: Apache-2.0
// The Push pane's pure parts: grouping build output, the form turned into push.start's and
// live.start's input, and a service's colour.
import { describe, expect, it } from 'vitest';
import {
  appendOutput,
  groupsByBoard,
  MAX_LINES_PER_GROUP,
  type PushOutput,
  type PushOutputEvent,
} from '../../../src/renderer/panes/push/push-output.js';
import { toLiveInput, toPushInput } from '../../../src/renderer/panes/push/push-options.js';
import { serviceColours } from '../../../src/renderer/panes/push/service-colour.js';
import { splitTemplateValues } from '../../../src/renderer/panes/push/template-values.js';
import type { ProjectServiceSummary } from '../../../src/shared/contract/index.js';
import { commands } from '../../../src/shared/contract/index.js';

const line = (board: string, service: string | undefined, text: string): PushOutputEvent => ({
  jobId: 'job-1',
  board,
  kind: service ? 'build' : 'system',
  line: text,
  ...(service ? { service } : {}),
});

describe('push output in the pane', () => {
  it('groups lines per board and service in the order they first arrive', () => {
    let output: PushOutput = new Map();
    for (const event of [
      line('10.231.0.2', undefined, 'probing'),
      line('10.231.0.2', 'frontend', 'Step 1/5'),
      line('10.231.0.3', 'data', 'Step 1/4'),
      line('10.231.0.2', 'data', 'Step 1/4'),
      line('10.231.0.2', 'frontend', 'Step 2/5'),
    ]) {
      output = appendOutput(output, event);
    }
    const boards = groupsByBoard(output);
    expect([...boards.keys()]).toEqual(['10.231.0.2', '10.231.0.3']);
    const first = boards.get('10.231.0.2') ?? [];
    expect(first.map((g) => g.service)).toEqual([undefined, 'frontend', 'data']);
    expect(first[1]?.lines.map((l) => l.text)).toEqual(['Step 1/5', 'Step 2/5']);
  });

  it('keeps the last lines of a long build and counts those left out', () => {
    let output: PushOutput = new Map();
    for (let i = 0; i < MAX_LINES_PER_GROUP + 3; i++) {
      output = appendOutput(output, line('b', 'hello', `line ${i}`));
    }
    const group = groupsByBoard(output).get('b')?.[0];
    expect(group?.lines).toHaveLength(MAX_LINES_PER_GROUP);
    expect(group?.dropped).toBe(3);
    expect(group?.lines[0]?.text).toBe('line 3');
  });

  it('turns the form into an input push.start accepts, one KEY=VALUE a line', () => {
    const input = toPushInput('/work/app', ['10.231.0.2'], {
      nocache: true,
      env: ' DEBUG=1\n\nfrontend:PORT=8080 \n',
      buildArgs: '',
      deviceType: ' ',
      live: true,
    });
    expect(input).toEqual({
      source: '/work/app',
      boards: ['10.231.0.2'],
      nocache: true,
      env: ['DEBUG=1', 'frontend:PORT=8080'],
      buildArgs: [],
      live: true,
    });
    expect(commands['push.start'].input.safeParse(input).success).toBe(true);
  });

  it('starts the live session after a push with the push’s project values', () => {
    const push = toPushInput('/work/app', ['10.231.0.2', 'pi'], {
      nocache: false,
      env: 'DEBUG=1',
      buildArgs: 'hello:GREETING=hi',
      deviceType: 'raspberrypi4-64',
      live: true,
    });
    const live = toLiveInput(push, 'pi');
    expect(live).toEqual({
      board: 'pi',
      source: '/work/app',
      env: ['DEBUG=1'],
      buildArgs: ['hello:GREETING=hi'],
      multiDockerignore: false,
      deviceType: 'raspberrypi4-64',
    });
    expect(commands['live.start'].input.safeParse(live).success).toBe(true);
  });

  it('gives each service of a view its own colour, in the order they first log', () => {
    const colours = serviceColours(['proxy', 'data', 'proxy', 'hello', 'frontend', 'data']);
    expect([...colours]).toEqual([
      ['proxy', 0],
      ['data', 1],
      ['hello', 2],
      ['frontend', 3],
    ]);
  });

  it('says the template values the services share once, and each service’s own apart', () => {
    const templated = (name: string, values: Record<string, string>): ProjectServiceSummary => ({
      name,
      image: `local_image_${name}:latest`,
      dependsOn: [],
      ports: [],
      build: {
        context: name,
        dockerfile: 'Dockerfile.template',
        fromTemplate: true,
        templateValues: values,
        dockerfileText: '',
        args: {},
        contextFiles: 1,
        contextBytes: 10,
      },
    });
    const split = splitTemplateValues([
      templated('frontend', { BALENA_ARCH: 'amd64', BALENA_SERVICE_NAME: 'frontend' }),
      templated('hello', { BALENA_ARCH: 'amd64', BALENA_SERVICE_NAME: 'hello' }),
      { name: 'db', image: 'bench/busybox', dependsOn: [], ports: [] },
    ]);
    expect(split.common).toEqual([['BALENA_ARCH', 'amd64']]);
    expect(split.own.get('hello')).toEqual([['BALENA_SERVICE_NAME', 'hello']]);
    expect(split.own.has('db')).toBe(false);
  });
});
