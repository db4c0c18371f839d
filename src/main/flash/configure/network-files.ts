// SPDX-License-Identifier: Apache-2.0
// NetworkManager keyfiles, the way balenaOS takes them from the boot partition's
// system-connections/ on first boot.
import type { FlashConfig } from '../../../shared/contract/index.js';

export interface BootFile {
  /** Path inside the boot partition, '/'-separated, no leading slash. */
  path: string;
  content: string;
  /** True when the file holds a secret: never printed or logged. */
  secret?: boolean;
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
        `ssid=${config.wifi.ssid}`,
        '',
        '[wifi-security]',
        'key-mgmt=wpa-psk',
        `psk=${config.wifi.psk}`,
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
