// SPDX-License-Identifier: Apache-2.0
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { PortInfo } from '../../shared/contract/index.js';

const BY_ID_DIR = '/dev/serial/by-id';

/** realpath → /dev/serial/by-id link; empty where udev does not run (containers, CI). */
async function byIdLinks(): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const names = await readdir(BY_ID_DIR).catch(() => []);
  await Promise.all(
    names.map(async (name) => {
      const link = join(BY_ID_DIR, name);
      const target = await realpath(link).catch(() => undefined);
      if (target) links.set(target, link);
    }),
  );
  return links;
}

const clean = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;

let inFlight: Promise<PortInfo[]> | undefined;

/**
 * The ports the system knows. Ptys and symlinks are not listed (serialport only reads
 * /sys/class/tty devices with a driver), which is why a console opens any path given to it.
 * Callers asking while a listing runs share it: on Linux each listing runs `udevadm info -e`,
 * and a group opening 20 consoles at once would otherwise run 20 of them side by side.
 */
export function listPorts(): Promise<PortInfo[]> {
  inFlight ??= readPorts().finally(() => (inFlight = undefined));
  // Each caller gets its own copies to change as it likes.
  return inFlight.then((ports) => ports.map((port) => ({ ...port })));
}

async function readPorts(): Promise<PortInfo[]> {
  const [ports, links] = await Promise.all([SerialPort.list(), byIdLinks()]);
  const infos = await Promise.all(
    ports.map(async (port): Promise<PortInfo> => {
      const real = await realpath(port.path).catch(() => port.path);
      const info: PortInfo = { path: port.path };
      const byId = links.get(real);
      if (byId) info.byIdPath = byId;
      const fields = {
        manufacturer: clean(port.manufacturer),
        serialNumber: clean(port.serialNumber),
        vendorId: clean(port.vendorId),
        productId: clean(port.productId),
        // serialport has no product name; udev's by-id name carries it (usb-<vendor>_<product>_<serial>).
        product: byId ? productFromById(byId, port.manufacturer, port.serialNumber) : undefined,
      };
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) info[key as keyof typeof fields] = value;
      }
      return info;
    }),
  );
  return infos.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * `usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0` → `FT232R USB UART`: udev joins vendor, model
 * and serial number with underscores (spaces become underscores too), so the vendor and serial
 * we already know are taken off each end; an unknown vendor is taken to be one word.
 */
export function productFromById(
  link: string,
  manufacturer?: string,
  serialNumber?: string,
): string | undefined {
  const name = link.slice(link.lastIndexOf('/') + 1);
  const match = /^usb-(.+?)(?:-if\d+)?(?:-port\d+)?$/.exec(name);
  let rest = match?.[1];
  if (rest === undefined) return undefined;
  if (serialNumber && rest.endsWith(`_${serialNumber}`)) {
    rest = rest.slice(0, -serialNumber.length - 1);
  } else {
    rest = rest.slice(0, Math.max(0, rest.lastIndexOf('_')));
  }
  const vendor = manufacturer?.replace(/ /g, '_');
  if (vendor && rest.startsWith(`${vendor}_`)) rest = rest.slice(vendor.length + 1);
  else rest = rest.slice(rest.indexOf('_') + 1);
  return rest === '' ? undefined : rest.replace(/_/g, ' ');
}
