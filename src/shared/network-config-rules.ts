// SPDX-License-Identifier: Apache-2.0
// What a NetworkManager connection file (a GLib key file) can carry, checked wherever a
// Wi-Fi or static address is entered: the engine, the CLI through it, and the UI's form.
// A value with a line break would start a new line, or a new [section], in the file.

/** A field of the flash config's network part, named as the contract names it. */
export interface NetworkProblem {
  field: string;
  message: string;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** Dotted IPv4 with each part 0-255 and no leading zeros (which some tools read as octal). */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return (
    parts.length === 4 && parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && +part <= 255)
  );
}

export function ssidProblem(ssid: string): string | undefined {
  if (ssid === '') return 'is empty';
  if (CONTROL.test(ssid))
    return 'contains a line break or another control character, which a connection file cannot hold';
  const bytes = new TextEncoder().encode(ssid).length;
  if (bytes > 32) return `is ${bytes} bytes long; a Wi-Fi network name has at most 32`;
  return undefined;
}

/** WPA-PSK: a passphrase of 8 to 63 printable ASCII characters, or the 64-hex-digit key. */
export function pskProblem(psk: string): string | undefined {
  if (HEX_KEY.test(psk)) return undefined;
  if (!PRINTABLE_ASCII.test(psk))
    return 'may hold printable ASCII characters only (no line breaks, tabs or accented letters)';
  if (psk.length < 8 || psk.length > 63)
    return `has ${psk.length} characters; a WPA key has 8 to 63, or is 64 hex digits`;
  return undefined;
}

export function addressProblem(cidr: string): string | undefined {
  if (cidr.includes('{{'))
    return "is the first card's address: the next cards take the next addresses by themselves, so it takes no {{index}}";
  const [address = '', prefix, ...rest] = cidr.split('/');
  if (rest.length > 0 || prefix === undefined || !isIpv4(address))
    return 'is not an IPv4 address with its prefix, e.g. 192.168.1.50/24';
  if (!/^(0|[1-9]\d?)$/.test(prefix) || +prefix < 1 || +prefix > 32)
    return 'has a prefix outside 1-32';
  return undefined;
}

/** Every problem of the network part of a flash config, first one first. */
export function networkProblems(config: {
  wifi?: { ssid: string; psk: string } | undefined;
  staticIp?: { address: string; gateway?: string | undefined; dns?: string[] | undefined };
}): NetworkProblem[] {
  const problems: NetworkProblem[] = [];
  const add = (field: string, what: string, problem: string | undefined): void => {
    if (problem) problems.push({ field, message: `${what} (${field}) ${problem}.` });
  };
  if (config.wifi) {
    add('wifi.ssid', 'The Wi-Fi network name', ssidProblem(config.wifi.ssid));
    add('wifi.psk', 'The Wi-Fi key', pskProblem(config.wifi.psk));
  }
  if (config.staticIp) {
    const { address, gateway, dns = [] } = config.staticIp;
    add('staticIp.address', 'The static address', addressProblem(address));
    if (gateway !== undefined && !isIpv4(gateway))
      add('staticIp.gateway', 'The gateway', 'is not an IPv4 address, e.g. 192.168.1.1');
    for (const [index, server] of dns.entries())
      if (!isIpv4(server))
        add(`staticIp.dns.${index}`, 'A DNS server', 'is not an IPv4 address, e.g. 192.168.1.1');
  }
  return problems;
}
