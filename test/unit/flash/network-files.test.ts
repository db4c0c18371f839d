// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import {
  checkFlashConfig,
  buildCardConfigs,
} from '../../../src/main/flash/configure/card-config.js';
import { networkFiles } from '../../../src/main/flash/configure/network-files.js';

const sections = (content: string | undefined): string[] =>
  (content ?? '').split('\n').filter((line) => line.startsWith('['));
const wifiFile = (wifi: { ssid: string; psk: string }): string =>
  networkFiles({ wifi })[0]?.content ?? '';
/** The engine's refusal: INVALID_CONFIG, whatever the message. */
const invalidConfig = expect.objectContaining({ code: 'INVALID_CONFIG' }) as Error;

describe('NetworkManager keyfile values', () => {
  it('refuses an SSID with a line break that would have added a [proxy] section', () => {
    const config = { wifi: { ssid: 'Bench\n[proxy]\nmethod=1', psk: 'correct-horse' } };
    expect(() => checkFlashConfig(config)).toThrow(invalidConfig);
    expect(() => checkFlashConfig(config)).toThrow(
      /Wi-Fi network name \(wifi\.ssid\) contains a line break/,
    );
    expect(() => networkFiles(config)).toThrow(/wifi\.ssid/);
    expect(() => buildCardConfigs(config, 1)).toThrow(/wifi\.ssid/);
  });

  it.each([
    ['a key with a line break', 'correct-horse\n[proxy]', /printable ASCII/],
    ['a key of 7 characters', 'short12', /has 7 characters; a WPA key has 8 to 63/],
    ['a key of 64 characters that are not hex', 'x'.repeat(64), /has 64 characters/],
    ['a key with a tab', 'correct\thorse', /printable ASCII/],
  ])('refuses %s, naming wifi.psk', (_what, psk, message) => {
    expect(() => checkFlashConfig({ wifi: { ssid: 'Bench', psk } })).toThrow(invalidConfig);
    expect(() => checkFlashConfig({ wifi: { ssid: 'Bench', psk } })).toThrow(
      /The Wi-Fi key \(wifi\.psk\)/,
    );
    expect(() => checkFlashConfig({ wifi: { ssid: 'Bench', psk } })).toThrow(message);
  });

  it('refuses an SSID longer than 32 bytes', () => {
    expect(() =>
      checkFlashConfig({ wifi: { ssid: 'é'.repeat(17), psk: 'correct-horse' } }),
    ).toThrow(/wifi\.ssid\) is 34 bytes long/);
  });

  it.each([
    [{ address: '10.0.0.5/24\n[proxy]', dns: [] }, /staticIp\.address/],
    [{ address: '300.0.0.5/24', dns: [] }, /staticIp\.address\) is not an IPv4 address/],
    [{ address: '10.0.0.5/33', dns: [] }, /prefix outside 1-32/],
    [{ address: '10.0.0.5', dns: [] }, /staticIp\.address/],
    [{ address: '10.0.0.5/24', gateway: '10.0.0.1\n[proxy]', dns: [] }, /staticIp\.gateway/],
    [{ address: '10.0.0.5/24', dns: ['1.1.1.1', '8.8.8.8;9.9.9.9'] }, /staticIp\.dns\.1/],
  ])('refuses a bad static address part: %j', (staticIp, message) => {
    expect(() => checkFlashConfig({ staticIp })).toThrow(invalidConfig);
    expect(() => networkFiles({ staticIp })).toThrow(message);
  });

  it('takes a 64-hex-digit key and a 63-character passphrase', () => {
    expect(() =>
      checkFlashConfig({ wifi: { ssid: 'B', psk: 'aB3'.repeat(21) + 'f' } }),
    ).not.toThrow();
    expect(() => checkFlashConfig({ wifi: { ssid: 'B', psk: 'p'.repeat(63) } })).not.toThrow();
  });

  it('escapes what GLib and NetworkManager would read differently, and adds no section', () => {
    const content = wifiFile({ ssid: ' lab;1\\2', psk: ' pass\\word;x' });
    expect(content).toContain('ssid=\\slab\\;1\\\\2\n');
    expect(content).toContain('psk=\\spass\\\\word;x\n');
    // digits and semicolons alone would be read as a list of byte values
    expect(wifiFile({ ssid: '12;34;', psk: 'correct-horse' })).toContain('ssid=12\\;34\\;\n');
    expect(sections(content)).toEqual([
      '[connection]',
      '[wifi]',
      '[wifi-security]',
      '[ipv4]',
      '[ipv6]',
    ]);
  });
});
