// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { WriterCommand } from '../../../src/main/flash/writer/protocol.js';
import { parseWriterCommand } from '../../../src/main/flash/writer/writer-command.js';

const token = 'a'.repeat(64);
const start = {
  type: 'start',
  token,
  image: '/tmp/x.img',
  tmpdir: '/tmp',
  targets: [{ device: '/dev/loop0', size: 1024, mountpoints: ['/mnt'] }],
  verify: true,
  trim: true,
  bmap: '/tmp/x.bmap',
  bootPartition: 1,
  files: [[{ path: '/config.json', content: '{}' }]],
};

/** The zod schema's answer: what the engine side would accept, with defaults applied. */
const zodAnswer = (value: unknown): unknown => {
  const parsed = WriterCommand.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

const cases: [string, unknown][] = [
  ['a full start request', start],
  ['no mountpoints (defaulted)', { ...start, targets: [{ device: '/dev/loop0', size: 1 }] }],
  [
    'no bmap, no boot partition, unconfigured',
    { ...start, bmap: undefined, bootPartition: undefined, files: [null] },
  ],
  ['a cancel', { type: 'cancel', token }],
  ['a short token', { ...start, token: 'abc' }],
  ['a relative tmpdir', { ...start, tmpdir: 'tmp' }],
  ['no targets', { ...start, targets: [] }],
  ['a negative size', { ...start, targets: [{ device: '/dev/loop0', size: -1 }] }],
  ['a size that is a string', { ...start, targets: [{ device: '/dev/loop0', size: '1' }] }],
  ['verify missing', { ...start, verify: undefined }],
  ['boot partition 0', { ...start, bootPartition: 0 }],
  ['boot partition 1.5', { ...start, bootPartition: 1.5 }],
  ['a file without content', { ...start, files: [[{ path: '/config.json' }]] }],
  ['files not a list', { ...start, files: 'x' }],
  ['an unknown type', { ...start, type: 'format' }],
  ['a cancel without token', { type: 'cancel' }],
  ['an array', [start]],
  ['null', null],
];

describe("the writer's hand check of its commands", () => {
  it.each(cases)('answers as the zod schema does: %s', (_name, value) => {
    expect(parseWriterCommand(JSON.stringify(value))).toEqual(zodAnswer(value));
  });

  it('accepts the valid cases and refuses the rest (the table is not all one answer)', () => {
    const accepted = cases.filter(([, value]) => parseWriterCommand(JSON.stringify(value)));
    expect(accepted.map(([name]) => name)).toEqual([
      'a full start request',
      'no mountpoints (defaulted)',
      'no bmap, no boot partition, unconfigured',
      'a cancel',
    ]);
  });

  it('ignores a line that is not JSON', () => {
    expect(parseWriterCommand('{"type":"start",')).toBeUndefined();
  });
});
