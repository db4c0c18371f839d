// SPDX-License-Identifier: Apache-2.0
// Compute Module rpiboot handling without hardware: the state a board goes through, the USB
// ids that count as boot-mode boards, and that the real USB watcher starts and stops cleanly
// on a machine with no such board. docs/MANUAL-TESTING.md lists what needs a real CM.
import { isUsbBootCapableUSBDevice } from 'node-raspberrypi-usbboot';
import { describe, expect, it } from 'vitest';
import { UsbbootState } from '../../../src/main/flash/usbboot/usbboot-state.js';
import { UsbbootWatcher } from '../../../src/main/flash/usbboot/usbboot-watcher.js';

describe('usbboot (Compute Module eMMC)', () => {
  it('lists a board in boot mode as not selectable, with its progress, until it leaves', () => {
    const state = new UsbbootState();
    state.attach('1-1.3', 'CM4');
    expect(state.drives()).toEqual([
      expect.objectContaining({
        device: 'usbboot:1-1.3',
        source: 'usbboot',
        warnings: [expect.objectContaining({ code: 'initialising', severity: 'refuse' })],
      }),
    ]);
    state.progress('1-1.3', 42.4);
    expect(state.drives()[0]?.warnings[0]?.message).toContain('42%');
    state.progress('1-1.3', 250);
    expect(state.list()[0]?.progress).toBe(100);
    // Re-attach (the board re-enumerates between boot stages) keeps its progress.
    state.attach('1-1.3', 'CM4');
    expect(state.list()[0]?.progress).toBe(100);
    state.detach('1-1.3');
    expect(state.drives()).toEqual([]);
  });

  it('knows the Broadcom boot-mode USB ids of CM3 and CM4', () => {
    expect(isUsbBootCapableUSBDevice(0x0a5c, 0x2764)).toBe(true); // BCM2837 (CM3)
    expect(isUsbBootCapableUSBDevice(0x0a5c, 0x2711)).toBe(true); // BCM2711 (CM4)
    expect(isUsbBootCapableUSBDevice(0x1d6b, 0x0002)).toBe(false); // a root hub
  });

  it('starts and stops the real USB watcher with no board attached', async () => {
    let changes = 0;
    const watcher = new UsbbootWatcher(() => changes++);
    watcher.start();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    watcher.stop();
    expect(watcher.state.list()).toEqual([]);
    expect(changes).toBe(0);
  });
});
