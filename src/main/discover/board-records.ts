// SPDX-License-Identifier: Apache-2.0
// Board records as the faces see them, built from adverts and typed addresses.
import type { Board } from '../../shared/contract/index.js';
import type { Advert } from './advert.js';
import { DEFAULT_SSH_PORT } from './probe.js';

const iso = (ms: number): string => new Date(ms).toISOString();

function unprobed(): Pick<Board, 'engine' | 'engineState' | 'supervisor' | 'ssh' | 'probedAt'> {
  return {
    engine: null,
    engineState: 'pending',
    supervisor: { state: 'pending' },
    ssh: { state: 'pending' },
    probedAt: null,
  };
}

export const advertId = (advert: Pick<Advert, 'iface' | 'instance'>): string =>
  `mdns:${advert.iface}:${advert.instance}`;

export const manualId = (address: string): string => `manual:${address}`;

/** A board from its advert; probe results of an earlier record stay while the address holds. */
export function boardFromAdvert(advert: Advert, previous?: Board): Board {
  const keep = previous && previous.address === advert.address;
  return {
    id: advertId(advert),
    name: advert.name,
    hostname: advert.host,
    address: advert.address,
    interface: advert.iface,
    source: 'mdns',
    addedByHand: false,
    sshPort: advert.port,
    txt: { ...advert.txt },
    firstSeen: iso(advert.firstSeen),
    lastSeen: iso(advert.lastSeen),
    ...(keep ? pickProbes(previous) : unprobed()),
  };
}

export function typedBoard(
  input: string,
  source: 'manual' | 'direct',
  now: number,
  address: string | null,
): Board {
  const isAddress = /^[\d.]+$/.test(input) || input.includes(':');
  return {
    id: source === 'manual' ? manualId(input) : `direct:${input}`,
    name: input,
    hostname: isAddress ? null : input,
    address,
    interface: null,
    source,
    addedByHand: source === 'manual',
    sshPort: DEFAULT_SSH_PORT,
    txt: {},
    firstSeen: iso(now),
    lastSeen: iso(now),
    ...unprobed(),
  };
}

function pickProbes(
  board: Board,
): Pick<Board, 'engine' | 'engineState' | 'engineError' | 'supervisor' | 'ssh' | 'probedAt'> {
  const out: Pick<
    Board,
    'engine' | 'engineState' | 'engineError' | 'supervisor' | 'ssh' | 'probedAt'
  > = {
    engine: board.engine,
    engineState: board.engineState,
    supervisor: board.supervisor,
    ssh: board.ssh,
    probedAt: board.probedAt,
  };
  if (board.engineError !== undefined) out.engineError = board.engineError;
  return out;
}

/** Whether a change is worth telling every face about (timestamps alone are not). */
export function sameBoard(a: Board, b: Board): boolean {
  const strip = ({ lastSeen: _l, probedAt: _p, ...rest }: Board) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
