// SPDX-License-Identifier: Apache-2.0
// A dockerode client for a board's Docker engine, loaded on first use (dockerode costs a tenth
// of a second at start-up of every CLI command).
import { Agent, type ClientRequestArgs } from 'node:http';
import { connect, type Socket } from 'node:net';
import type Docker from 'dockerode';

/** Where balenaOS development images (and the rig's boards) serve Docker's API, without TLS. */
export const DOCKER_PORT = 2375;
/** A wrong or powered-off address fails this soon, not after the system's minute of retries. */
export const DOCKER_CONNECT_TIMEOUT_MS = 3000;

/** The connection to the engine was not made within the connect timeout. */
export class DockerConnectTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly address: string,
    readonly timeoutMs: number,
  ) {
    super(`no connection to ${address} within ${timeoutMs} ms`);
    this.name = 'DockerConnectTimeout';
  }
}

/**
 * Bounds only the TCP connect: once connected, a build or a followed log may stream for as long
 * as it needs. (docker-modem's own `connectionTimeout` runs until the response headers, which a
 * large build context upload can take longer than, and ends with a bare "socket hang up".)
 */
class ConnectTimeoutAgent extends Agent {
  constructor(private readonly timeoutMs: number) {
    super({ keepAlive: false });
  }

  override createConnection(options: ClientRequestArgs): Socket {
    const host = options.host ?? options.hostname ?? 'localhost';
    const port = Number(options.port ?? DOCKER_PORT);
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy(new DockerConnectTimeout(`${host}:${port}`, this.timeoutMs));
    }, this.timeoutMs);
    const stop = () => clearTimeout(timer);
    socket.once('connect', stop);
    socket.once('close', stop);
    return socket;
  }
}

export interface DockerClientOptions {
  connectTimeoutMs?: number;
  /** A deadline for each whole request; leave it out for streams (build, logs, events). */
  requestTimeoutMs?: number;
}

export async function createDockerClient(
  address: string,
  options: DockerClientOptions = {},
): Promise<Docker> {
  const { default: Dockerode } = await import('dockerode');
  // docker-modem takes an `agent`; dockerode's types leave it out of the options they pass on.
  const settings: Docker.DockerOptions & { agent: Agent } = {
    host: address,
    port: DOCKER_PORT,
    protocol: 'http',
    agent: new ConnectTimeoutAgent(options.connectTimeoutMs ?? DOCKER_CONNECT_TIMEOUT_MS),
    ...(options.requestTimeoutMs === undefined ? {} : { timeout: options.requestTimeoutMs }),
  };
  return new Dockerode(settings);
}

/** What services take, so the engine decides how boards are reached (and tests can too). */
export type DockerClientFactory = typeof createDockerClient;
