// SPDX-License-Identifier: Apache-2.0
import { describe, it, expect } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import {
  interfaceFor,
  isAllowed,
  selectInterfaces,
} from '../../../src/main/discover/interfaces.js';

const v4 = (
  address: string,
  netmask = '255.255.255.0',
  internal = false,
): NetworkInterfaceInfo => ({
  address,
  netmask,
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: null,
});
const v6: NetworkInterfaceInfo = {
  address: 'fe80::1',
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '00:00:00:00:00:00',
  internal: false,
  cidr: null,
  scopeid: 2,
};

const nets = {
  lo: [v4('127.0.0.1', '255.0.0.0', true)],
  eth0: [v6, v4('192.168.1.10')],
  btv0: [v4('10.231.0.1')],
  btv1: [v4('10.231.1.1')],
  btv10: [v4('10.231.10.1')],
  can0: [v4('10.9.9.1')],
  tun0: [v6],
};

describe('selectInterfaces', () => {
  it('takes every multicast IPv4 interface but loopback when nothing is allowed explicitly', () => {
    const names = selectInterfaces(nets, [], (name) => name !== 'can0').map((i) => i.name);
    expect(names).toEqual(['btv0', 'btv1', 'btv10', 'eth0']);
  });

  it('limits browsing to the allow-list, with * as a wildcard', () => {
    expect(selectInterfaces(nets, ['btv*'], () => true).map((i) => i.name)).toEqual([
      'btv0',
      'btv1',
      'btv10',
    ]);
    expect(selectInterfaces(nets, ['btv1'], () => true).map((i) => i.name)).toEqual(['btv1']);
  });

  it('picks the IPv4 address even when IPv6 is listed first', () => {
    expect(selectInterfaces(nets, ['eth0'], () => true)[0]?.address).toBe('192.168.1.10');
  });

  it('does not treat regex characters in a name as a pattern', () => {
    expect(isAllowed('btv0', ['btv.'])).toBe(false);
    expect(isAllowed('btv.', ['btv.'])).toBe(true);
  });
});

describe('interfaceFor', () => {
  const ifaces = selectInterfaces(nets, [], () => true);
  it('tells the interface from the sender address', () => {
    expect(interfaceFor('10.231.1.2', ifaces)?.name).toBe('btv1');
    expect(interfaceFor('10.231.10.2', ifaces)?.name).toBe('btv10');
    expect(interfaceFor('192.168.1.77', ifaces)?.name).toBe('eth0');
  });

  it('finds none for a sender outside every browsed subnet', () => {
    expect(interfaceFor('172.16.0.5', ifaces)).toBeUndefined();
  });

  it('prefers the narrowest subnet', () => {
    const wide = { name: 'wide', address: '10.0.0.1', netmask: '255.0.0.0' };
    const narrow = { name: 'narrow', address: '10.231.0.1', netmask: '255.255.255.0' };
    expect(interfaceFor('10.231.0.2', [wide, narrow])?.name).toBe('narrow');
  });
});
