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
        ...ipv4Section(config),
        '',
        '[ipv6]',
        'method=auto',
        '',
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
        ...ipv4Section(config),
        '',
        '[ipv6]',
        'method=auto',
        '',
      ].join('\n'),
    });
  }
  return files;
}
