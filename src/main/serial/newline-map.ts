// SPDX-License-Identifier: Apache-2.0
// Line-end mapping, the same choices tio offers (its ICRNL/INLCRNL/IGNCR/OCRNL… flags), on bytes:
// a board's output may be any binary, so nothing here decodes text.
import type { ConsoleSettings } from '../../shared/contract/index.js';

const CR = 0x0d;
const LF = 0x0a;

function mapBytes(data: Buffer, map: (byte: number) => number[] | undefined): Buffer {
  if (!data.includes(CR) && !data.includes(LF)) return data;
  const out: number[] = [];
  for (const byte of data) {
    const mapped = map(byte);
    if (mapped) out.push(...mapped);
    else out.push(byte);
  }
  return Buffer.from(out);
}

/** What a viewer typed, on its way to the board. */
export function mapSend(data: Buffer, mode: ConsoleSettings['sendMap']): Buffer {
  switch (mode) {
    case 'none':
      return data;
    case 'cr-to-lf':
      return mapBytes(data, (b) => (b === CR ? [LF] : undefined));
    case 'cr-to-crlf':
      return mapBytes(data, (b) => (b === CR ? [CR, LF] : undefined));
    case 'lf-to-cr':
      return mapBytes(data, (b) => (b === LF ? [CR] : undefined));
  }
}

/** What the board sent, on its way to viewers and the log. */
export function mapReceive(data: Buffer, mode: ConsoleSettings['receiveMap']): Buffer {
  switch (mode) {
    case 'none':
      return data;
    case 'lf-to-crlf':
      return mapBytes(data, (b) => (b === LF ? [CR, LF] : undefined));
    case 'cr-to-lf':
      return mapBytes(data, (b) => (b === CR ? [LF] : undefined));
    case 'ignore-cr':
      return mapBytes(data, (b) => (b === CR ? [] : undefined));
  }
}
