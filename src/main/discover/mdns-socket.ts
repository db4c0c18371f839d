// SPDX-License-Identifier: Apache-2.0
// One bonjour-service instance per host interface. bonjour-service's own Browser keeps one list
// per instance and cannot tell interfaces apart, so we listen to the multicast-dns socket under
// it and keep the records ourselves (advert-table.ts).
import type { RemoteInfo } from 'node:dgram';
import Bonjour from 'bonjour-service';
import type { HostInterface } from './interfaces.js';

export interface Question {
  name: string;
  type: 'PTR' | 'SRV' | 'TXT' | 'A';
}

/** The part of multicast-dns we use; the library ships no types of its own. */
interface MulticastDns {
  query(query: { questions: Question[] }, callback?: (error: Error | null) => void): void;
  on(event: 'response', listener: (packet: unknown, rinfo: RemoteInfo) => void): void;
  on(event: 'error' | 'warning', listener: (error: Error) => void): void;
  on(event: 'ready', listener: () => void): void;
  destroy(callback?: () => void): void;
}

type BonjourOptions = ConstructorParameters<typeof Bonjour.Bonjour>[0];

export interface MdnsSocket {
  readonly iface: HostInterface;
  query(questions: Question[]): void;
  close(): Promise<void>;
}

export interface MdnsSocketHandlers {
  onResponse(packet: unknown, rinfo: RemoteInfo): void;
  /** The socket cannot work (port taken, no permission, interface gone). */
  onError(error: Error): void;
}

export function openMdnsSocket(iface: HostInterface, handlers: MdnsSocketHandlers): MdnsSocket {
  // Bound to 0.0.0.0 (the interface address alone hears nothing: replies go to the group), joined
  // and sending on this interface only.
  // bonjour-service passes these on to multicast-dns, whose options its types leave out.
  const options = { interface: iface.address, bind: '0.0.0.0' } as unknown as BonjourOptions;
  const bonjour = new Bonjour.Bonjour(options, (error: Error) => handlers.onError(error));
  const mdns = (bonjour as unknown as { server: { mdns: MulticastDns } }).server.mdns;
  let closed = false;
  mdns.on('response', (packet, rinfo) => {
    if (!closed) handlers.onResponse(packet, rinfo);
  });
  mdns.on('error', (error) => {
    if (!closed) handlers.onError(error);
  });
  // Undecodable packets and failed sends on a vanishing link: the next query tries again.
  mdns.on('warning', () => undefined);
  return {
    iface,
    query(questions) {
      if (closed || questions.length === 0) return;
      mdns.query({ questions }, () => undefined);
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, 1000);
        bonjour.destroy(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
