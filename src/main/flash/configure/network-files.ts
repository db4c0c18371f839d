// SPDX-License-Identifier: Apache-2.0
// NetworkManager keyfiles, the way balenaOS takes them from the boot partition's
// system-connections/ on first boot.
import type { FlashConfig } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/errors.js';
import { networkProblems } from '../../../shared/network-config-rules.js';

export interface BootFile {
  /** Path inside the boot partition, '/'-separated, no leading slash. */
  path: string;
  content: string;
  /** True when the file holds a secret: never printed or logged. */
  secret?: boolean;
}

/** Refuses, naming the field, any value a connection file cannot carry as it is. */
export function checkNetworkConfig(config: FlashConfig): void {
  const first = networkProblems(config)[0];
  if (first) throw new BenchtopError('INVALID_CONFIG', first.message);
}

/**
 * A key file string value as GLib reads it back: backslashes doubled, and a leading space
 * kept with `\s` (GLib drops leading whitespace). Control characters were refused before.
 */
export function keyfileString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/^ /, '\\s');
}

/**
 * NetworkManager reads an SSID as bytes: after GLib's unescaping it turns `\;` into `;`, and
 * reads a value of digits and semicolons only as a list of byte values; escaping every `;`
 * keeps the name a name.
 */
export function keyfileSsid(ssid: string): string {
  return keyfileString(ssid).replace(/;/g, '\\;');
}

function ipv4Section(config: FlashConfig): string[] {
  const ip = config.staticIp;
  if (!ip) return ['[ipv4]', 'method=auto'];
  const lines = [
    '[ipv4]',
    'method=manual',
    `address1=${ip.address}${ip.gateway ? `,${ip.gateway}` : ''}`,
  ];
  if (ip.dns.length > 0) lines.push(`dns=${ip.dns.join(';')};`);
  return lines;
}

/** The address sections every connection file ends with: IPv4 as configured, IPv6 automatic. */
function addressSections(config: FlashConfig): string[] {
  return [...ipv4Section(config), '', '[ipv6]', 'method=auto', ''];
}

export function networkFiles(config: FlashConfig): BootFile[] {
  checkNetworkConfig(config);
  const files: BootFile[] = [];
  if (config.wifi) {
    files.push({
      path: 'system-connections/benchtop-wifi',
      secret: true,
      content: [
        '[connection]',
        'id=benchtop-wifi',
        'type=wifi',
        '',
        '[wifi]',
        'mode=infrastructure',
        `ssid=${keyfileSsid(config.wifi.ssid)}`,
        '',
        '[wifi-security]',
        'key-mgmt=wpa-psk',
        `psk=${keyfileString(config.wifi.psk)}`,
        '',
        ...addressSections(config),
      ].join('\n'),
    });
  } else if (config.staticIp) {
    files.push({
      path: 'system-connections/benchtop-ethernet',
      content: [
        '[connection]',
        'id=benchtop-ethernet',
        'type=ethernet',
        '',
        ...addressSections(config),
      ].join('\n'),
    });
  }
  return files;
}
