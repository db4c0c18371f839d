// SPDX-License-Identifier: Apache-2.0
import { scanner, type sourceDestination } from 'etcher-sdk';
import { UsbbootState } from './usbboot-state.js';

/**
 * Finds Compute Modules in rpiboot mode through etcher-sdk's usbboot adapter (the `usb`
 * package underneath) and sends them the boot files, so their eMMC shows up as a drive.
 * Without USB access (containers, no libusb) it reports why, and the rest of Benchtop goes on.
 */
export class UsbbootWatcher {
  readonly state = new UsbbootState();
  private adapter: scanner.adapters.UsbbootDeviceAdapter | undefined;
  unavailable: string | undefined;

  constructor(private readonly onChange: () => void) {}

  start(): void {
    if (this.adapter || this.unavailable) return;
    try {
      const adapter = new scanner.adapters.UsbbootDeviceAdapter();
      adapter.on('attach', (drive: sourceDestination.UsbbootDrive) => {
        const portId = drive.usbDevice.portId;
        this.state.attach(portId, drive.usbDevice.constructor.name);
        drive.on('progress', (value: number) => {
          this.state.progress(portId, value);
          this.onChange();
        });
        this.onChange();
      });
      adapter.on('detach', (drive: sourceDestination.UsbbootDrive | undefined) => {
        if (drive) this.state.detach(drive.usbDevice.portId);
        this.onChange();
      });
      adapter.on('error', (error: Error) => {
        this.unavailable = `USB boot detection stopped: ${error.message}`;
      });
      adapter.start();
      this.adapter = adapter;
    } catch (error) {
      this.unavailable = `USB boot detection is not available here: ${(error as Error).message}`;
    }
  }

  stop(): void {
    this.adapter?.stop();
    this.adapter = undefined;
  }
}
