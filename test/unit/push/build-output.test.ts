// SPDX-License-Identifier: Apache-2.0
// The classic builder's stream as the engine sends it (shapes recorded from dockerd 20.10).
import { describe, expect, it } from 'vitest';
import { BuildOutput, ERROR_TAIL_LINES } from '../../../src/main/push/build/build-output.js';

describe('build output', () => {
  it('gives complete lines, joining text split across messages', () => {
    const output = new BuildOutput('web');
    expect(output.feed({ stream: 'Step 1/2 : FROM bench/busybox\n ---> 1a2b' })).toEqual([
      'Step 1/2 : FROM bench/busybox',
    ]);
    expect(output.feed({ stream: '3c4d\n' })).toEqual([' ---> 1a2b3c4d']);
    expect(output.feed({ stream: 'no newline yet' })).toEqual([]);
    expect(output.flush()).toEqual(['no newline yet']);
  });

  it('takes the image id from aux', () => {
    const output = new BuildOutput('web');
    output.feed({ stream: 'Successfully built 1a2b\n' });
    output.feed({ aux: { ID: 'sha256:1a2b' } });
    expect(output.result()).toBe('sha256:1a2b');
  });

  it('turns an error inside the stream into one naming the service, the step and its output', () => {
    const output = new BuildOutput('api');
    output.feed({ stream: 'Step 1/3 : FROM bench/busybox\n ---> 1a2b\n' });
    output.feed({ stream: 'Step 2/3 : RUN echo about to fail && exit 3\n' });
    output.feed({ stream: ' ---> Running in 9f8e\n' });
    output.feed({ stream: 'about to fail\n' });
    const shown = output.feed({
      errorDetail: {
        code: 3,
        message:
          "The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3",
      },
      error: "The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3",
    });
    expect(shown).toEqual([
      "The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3",
    ]);
    expect(() => output.result()).toThrow(
      /Building service api failed at "Step 2\/3 : RUN echo about to fail && exit 3": The command/,
    );
    const error = output.failure('x');
    expect(error.code).toBe('DOCKER_FAILED');
    expect(error.detail).toContain('about to fail');
    expect(error.detail).not.toContain('FROM bench/busybox');
  });

  it('says so when the stream ends with neither an image nor an error', () => {
    const output = new BuildOutput('db');
    output.feed({ stream: 'Step 1/1 : FROM bench/busybox\n' });
    expect(() => output.result()).toThrow(
      /service db failed at "Step 1\/1.*without naming an image/,
    );
  });

  it('keeps only the last lines of a long step for the error', () => {
    const output = new BuildOutput('db');
    output.feed({ stream: 'Step 1/1 : RUN seq 100\n' });
    for (let i = 1; i <= 100; i += 1) output.feed({ stream: `${i}\n` });
    const lines = output.failure('x').detail?.split('\n') ?? [];
    expect(lines).toHaveLength(ERROR_TAIL_LINES);
    expect(lines.at(-1)).toBe('100');
  });
});
