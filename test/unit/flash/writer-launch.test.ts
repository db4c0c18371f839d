// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import {
  unpackedPath,
  writerLaunch,
  type WriterHost,
} from '../../../src/main/flash/writer/writer-launch.js';

const node: WriterHost = {
  execPath: '/usr/bin/node',
  script: '/opt/benchtop/dist/writer/writer.mjs',
  electron: false,
  uid: 1000,
  display: false,
  pkexec: undefined,
};
const packaged: WriterHost = {
  execPath: '/opt/Benchtop/benchtop',
  script: '/opt/Benchtop/resources/app.asar/dist/writer/writer.mjs',
  electron: true,
  uid: 1000,
  display: true,
  pkexec: '/usr/bin/pkexec',
};
const unpacked = '/opt/Benchtop/resources/app.asar.unpacked/dist/writer/writer.mjs';

describe('the writer command line', () => {
  it('as root from a checkout: node runs the script directly', () => {
    expect(writerLaunch({ ...node, uid: 0 })).toEqual({
      file: '/usr/bin/node',
      args: [node.script],
      env: {},
    });
  });

  it('as a user without a display: sudo -n, which fails instead of prompting on a pipe', () => {
    expect(writerLaunch(node)).toEqual({
      file: 'sudo',
      args: ['-n', '/usr/bin/node', node.script],
      env: {},
    });
  });

  it('as a user with a display and pkexec: pkexec', () => {
    expect(writerLaunch({ ...node, display: true, pkexec: '/usr/bin/pkexec' })).toEqual({
      file: '/usr/bin/pkexec',
      args: ['/usr/bin/node', node.script],
      env: {},
    });
  });

  it('a display but no pkexec installed: sudo -n', () => {
    expect(writerLaunch({ ...node, display: true }).file).toBe('sudo');
  });

  it('packaged, through pkexec: env sets ELECTRON_RUN_AS_NODE after pkexec, on the unpacked script', () => {
    expect(writerLaunch(packaged)).toEqual({
      file: '/usr/bin/pkexec',
      args: ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', '/opt/Benchtop/benchtop', unpacked],
      env: {},
    });
  });

  it('packaged, through sudo: the same program after sudo -n', () => {
    expect(writerLaunch({ ...packaged, display: false })).toEqual({
      file: 'sudo',
      args: ['-n', '/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', '/opt/Benchtop/benchtop', unpacked],
      env: {},
    });
  });

  it('packaged, as root: Electron directly, the variable in its environment', () => {
    expect(writerLaunch({ ...packaged, uid: 0 })).toEqual({
      file: '/opt/Benchtop/benchtop',
      args: [unpacked],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
  });

  it('leaves a script outside any archive where it is', () => {
    expect(unpackedPath(node.script)).toBe(node.script);
    expect(unpackedPath('/x/my.app.asar.d/y.js')).toBe('/x/my.app.asar.d/y.js');
  });
});
