// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import {
  archFromMachine,
  targetFromDeviceInfo,
  targetFromEngineInfo,
} from '../../../src/main/push/project/build-target.js';

// Trimmed answers as boards give them: the supervisor's /v2/local/device-info and the engine's /info.
const recorded = {
  raspberryPi4DeviceInfo: {
    status: 'success',
    info: { arch: 'aarch64', deviceType: 'raspberrypi4-64' },
  },
  beagleboneDeviceInfo: {
    status: 'success',
    info: { arch: 'armv7hf', deviceType: 'beaglebone-black' },
  },
  nucDeviceInfo: { status: 'success', info: { arch: 'amd64', deviceType: 'genericx86-64-ext' } },
  engineX86: { Architecture: 'x86_64', OSType: 'linux', KernelVersion: '6.1.0-18-amd64' },
  engineJetson: { Architecture: 'aarch64', OSType: 'linux', KernelVersion: '5.10.120-tegra' },
  enginePi3: { Architecture: 'armv7l', OSType: 'linux', KernelVersion: '6.1.77-v7' },
  enginePiZero: { Architecture: 'armv6l', OSType: 'linux', KernelVersion: '6.1.77' },
  engine32bit: { Architecture: 'i686', OSType: 'linux', KernelVersion: '5.15.0' },
};

describe('build target from the supervisor', () => {
  it('takes arch and device type from device-info as they are', () => {
    expect(targetFromDeviceInfo(recorded.raspberryPi4DeviceInfo)).toEqual({
      arch: 'aarch64',
      deviceType: 'raspberrypi4-64',
    });
    expect(targetFromDeviceInfo(recorded.beagleboneDeviceInfo)).toEqual({
      arch: 'armv7hf',
      deviceType: 'beaglebone-black',
    });
    expect(targetFromDeviceInfo(recorded.nucDeviceInfo)).toEqual({
      arch: 'amd64',
      deviceType: 'genericx86-64-ext',
    });
  });

  it('falls back to the generic device type when the answer has none', () => {
    expect(targetFromDeviceInfo({ status: 'success', info: { arch: 'armv7hf' } })).toEqual({
      arch: 'armv7hf',
      deviceType: 'generic-armv7ahf',
    });
  });

  it('refuses an answer without an arch', () => {
    expect(() => targetFromDeviceInfo({ status: 'failed', message: 'nope' })).toThrow(
      /without an arch/,
    );
  });
});

describe('build target from the engine', () => {
  it('maps uname machine names to balena arches with their generic device types', () => {
    expect(targetFromEngineInfo(recorded.engineX86)).toEqual({
      arch: 'amd64',
      deviceType: 'generic-amd64',
    });
    expect(targetFromEngineInfo(recorded.engineJetson)).toEqual({
      arch: 'aarch64',
      deviceType: 'generic-aarch64',
    });
    expect(targetFromEngineInfo(recorded.enginePi3)).toEqual({
      arch: 'armv7hf',
      deviceType: 'generic-armv7ahf',
    });
    expect(targetFromEngineInfo(recorded.enginePiZero).arch).toBe('rpi');
    expect(targetFromEngineInfo(recorded.engine32bit).arch).toBe('i386');
  });

  it('keeps the device type set for the board', () => {
    expect(targetFromEngineInfo(recorded.enginePi3, 'raspberrypi3')).toEqual({
      arch: 'armv7hf',
      deviceType: 'raspberrypi3',
    });
  });

  it('names an architecture balena has no arch for', () => {
    expect(() => archFromMachine('riscv64')).toThrow(/"riscv64"/);
    expect(() => targetFromEngineInfo({})).toThrow(/did not report its architecture/);
  });
});
