// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { explainOpenError } from '../../../src/main/serial/open-errors.js';
import { productFromById } from '../../../src/main/serial/port-list.js';

describe('port identity and open errors', () => {
  it('reads the product name from a udev by-id link', () => {
    expect(productFromById('/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0')).toBe(
      'FT232R USB UART',
    );
    expect(
      productFromById(
        '/dev/serial/by-id/usb-Silicon_Labs_CP2102_USB_to_UART_Bridge_Controller_0001-if00-port0',
        'Silicon Labs',
        '0001',
      ),
    ).toBe('CP2102 USB to UART Bridge Controller');
    expect(productFromById('/dev/serial/by-id/pci-something')).toBeUndefined();
  });

  it('turns serialport’s bare messages into what happened and what to do', async () => {
    const missing = await explainOpenError(
      '/dev/ttyUSB9',
      new Error('Error: No such file or directory, cannot open /dev/ttyUSB9'),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/no serial port at \/dev\/ttyUSB9.*benchtop ports/);

    const notTty = await explainOpenError(
      '/etc/hostname',
      new Error('Error: Inappropriate ioctl for device setting custom baud rate of 115200'),
    );
    expect(notTty.code).toBe('INVALID_INPUT');
    expect(notTty.message).toMatch(/not a serial port/);

    const denied = await explainOpenError(
      '/dev/nonexistent-tty',
      new Error('Error: Permission denied, cannot open /dev/nonexistent-tty'),
    );
    expect(denied.code).toBe('PERMISSION_DENIED');
    expect(denied.message).toMatch(/group dialout .*usermod -aG dialout/);
  });
});
