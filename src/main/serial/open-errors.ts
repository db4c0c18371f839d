// SPDX-License-Identifier: Apache-2.0
// serialport's open errors are bare strings from the C binding ("Error: Permission denied,
// cannot open …"); these turn them into what happened and what to do about it.
import { readFile, stat } from 'node:fs/promises';
import { BenchtopError } from '../../shared/errors.js';
import { findPathHolders } from '../host/process-holders.js';

async function groupName(gid: number): Promise<string | undefined> {
  const text = await readFile('/etc/group', 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    if (name && Number(id) === gid) return name;
  }
  return undefined;
}

/** The group that grants access to a port; Debian/Ubuntu use dialout, Arch and others uucp. */
export async function accessGroup(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  const name = info ? await groupName(info.gid) : undefined;
  return name && name !== 'root' ? name : 'dialout (uucp on Arch and Fedora)';
}

export async function explainOpenError(path: string, error: unknown): Promise<BenchtopError> {
  const text = error instanceof Error ? error.message : String(error);
  if (/No such file or directory|ENOENT/i.test(text)) {
    return new BenchtopError(
      'NOT_FOUND',
      `There is no serial port at ${path}. \`benchtop ports\` lists the ports this machine has.`,
      text,
    );
  }
  if (/Permission denied|EACCES/i.test(text)) {
    const group = await accessGroup(path);
    return new BenchtopError(
      'PERMISSION_DENIED',
      `You may not open ${path}: access to serial ports is granted by the group ${group}. Add yourself with \`sudo usermod -aG ${group.split(' ')[0] ?? 'dialout'} $USER\`, then log in again.`,
      text,
    );
  }
  if (
    /Cannot lock port|Resource temporarily unavailable|EBUSY|Device or resource busy/i.test(text)
  ) {
    const holders = await findPathHolders(path);
    const who =
      holders.length > 0
        ? holders.map((h) => `${h.command || 'a process'} (pid ${h.pid})`).join(', ')
        : 'another program';
    return new BenchtopError('BUSY', `${path} is held open by ${who}.`, text);
  }
  if (/Inappropriate ioctl|ENOTTY/i.test(text)) {
    return new BenchtopError('INVALID_INPUT', `${path} is not a serial port or terminal.`, text);
  }
  if (/Invalid argument|EINVAL/i.test(text)) {
    return new BenchtopError(
      'INVALID_INPUT',
      `${path} does not accept these settings (baud rate, data bits, parity or stop bits).`,
      text,
    );
  }
  return new BenchtopError('UNREACHABLE', `Could not open ${path}: ${text}`, text);
}
