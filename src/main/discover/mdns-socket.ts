// SPDX-License-Identifier: Apache-2.0
// One bonjour-service instance per host interface. bonjour-service's own Browser keeps one list
// per instance and cannot tell interfaces apart, so we listen to the multicast-dns socket under
// it and keep the records ourselves (advert-table.ts).
import { createSocket, type RemoteInfo } from 'node:dgram';
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
  /** `unicast`: the answer to our legacy-unicast query (RFC 6762 6.7), TTLs capped at 10 s. */
  onResponse(packet: unknown, rinfo: RemoteInfo, unicast: boolean): void;
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
    if (!closed) handlers.onResponse(packet, rinfo, false);
  });

  // The same question from a port other than 5353 is a "legacy unicast" query: responders
  // answer it at once, straight to us, where a multicast answer waits 20-120 ms and at most
  // once a second per record. It lists a bench in a few milliseconds.
  const unicastSocket = createSocket({ type: 'udp4' });
  unicastSocket.on('error', () => undefined);
  unicastSocket.bind(0, iface.address, () => {
    try {
      unicastSocket.setMulticastInterface(iface.address);
    } catch {
      // The interface went away; the next poll closes this socket.
    }
  });
  const unicastOptions = {
    socket: unicastSocket,
    bind: false,
    multicast: false,
  } as unknown as BonjourOptions;
  const unicast = new Bonjour.Bonjour(unicastOptions, () => undefined);
  const unicastMdns = (unicast as unknown as { server: { mdns: MulticastDns } }).server.mdns;
  unicastMdns.on('response', (packet, rinfo) => {
    if (!closed) handlers.onResponse(packet, rinfo, true);
  });
  unicastMdns.on('error', () => undefined);
  unicastMdns.on('warning', () => undefined);
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
      unicastMdns.query({ questions }, () => undefined);
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      const destroy = (instance: Bonjour.Bonjour) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          instance.destroy(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      return Promise.all([destroy(bonjour), destroy(unicast)]).then(() => undefined);
    },
  };
}
