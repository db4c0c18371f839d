// SPDX-License-Identifier: Apache-2.0
// A shell on a board's host OS: ssh to port 22222 (balenaOS development images) as root, with
// the board's host key checked against the one recorded the first time.
import ssh2, { type ClientChannel } from 'ssh2';
import { BenchtopError, toErrorInfo } from '../../shared/errors.js';
import { checkHostKey, fingerprint, hostEntry, keyType, type KnownHost } from './known-hosts.js';
import type { ShellOutput, ShellProcess, ShellRequest } from './shell-process.js';
import { authMethods, SSH_USER } from './ssh-auth.js';
import { knownHostsPath, readKnownHosts, recordKnownHost } from './ssh-files.js';
import { sshError } from './ssh-errors.js';

export const HOST_SSH_PORT = 22222;
const READY_TIMEOUT_MS = 10_000;

export interface HostTarget {
  readonly board: string;
  readonly address: string;
  readonly port?: number;
}

function changedKeyError(
  target: HostTarget,
  host: string,
  offered: KnownHost,
  recorded: KnownHost,
) {
  return new BenchtopError(
    'PERMISSION_DENIED',
    `The host key of ${target.board} (${host}) is not the one recorded: refusing to log in. It offered ${offered.type} ${fingerprint(offered.key)}; recorded is ${recorded.type} ${fingerprint(recorded.key)}.`,
    `If the board was reflashed or replaced, remove its line from ${knownHostsPath()} (ssh-keygen -R '${host}' -f ${knownHostsPath()}) and connect again; otherwise something else answers at ${target.address}.`,
  );
}

/** Connects and logs in; the host key is checked (and recorded when new) before any login. */
async function connect(target: HostTarget): Promise<ssh2.Client> {
  const port = target.port ?? HOST_SSH_PORT;
  const host = hostEntry(target.address, port);
  const known = await readKnownHosts();
  const auth = await authMethods();
  let refusedKey: BenchtopError | undefined;
  let newKey: KnownHost | undefined;
  const client = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', (error) => reject(refusedKey ?? sshError(error, target, auth.tried)));
    client.connect({
      host: target.address,
      port,
      username: SSH_USER,
      readyTimeout: READY_TIMEOUT_MS,
      keepaliveInterval: 15_000,
      authHandler: auth.methods,
      hostVerifier: (blob: Buffer) => {
        const offered = { host, type: keyType(blob), key: blob.toString('base64') };
        const check = checkHostKey(known, host, offered);
        if (check.verdict === 'changed') {
          refusedKey = changedKeyError(target, host, offered, check.recorded);
          return false;
        }
        if (check.verdict === 'new') newKey = offered;
        return true;
      },
    });
  });
  if (newKey) await recordKnownHost(newKey);
  return client;
}

/**
 * Opens the session channel and hands it to `wire` inside ssh2's callback, before any await:
 * ssh2 parses every packet of one read at once, so a quick command's exit status can arrive in
 * the same read as the channel's confirmation and is lost to listeners added a tick later.
 */
function openChannel(
  client: ssh2.Client,
  request: ShellRequest,
  wire: (channel: ClientChannel) => void,
): Promise<ClientChannel> {
  const pty = { term: 'xterm-256color', cols: request.cols, rows: request.rows };
  return new Promise((resolve, reject) => {
    const done = (error: Error | undefined, channel: ClientChannel) => {
      if (error) return reject(error);
      wire(channel);
      resolve(channel);
    };
    if (request.command.length === 0) client.shell(request.tty ? pty : false, done);
    else client.exec(request.command.join(' '), request.tty ? { pty } : {}, done);
  });
}

export async function openHostShell(
  target: HostTarget,
  request: ShellRequest,
  out: ShellOutput,
): Promise<ShellProcess> {
  const client = await connect(target);
  let status: number | null = null;
  let signal: string | undefined;
  let ended = false;
  const end = (exit: Parameters<ShellOutput['exit']>[0]): void => {
    if (ended) return;
    ended = true;
    out.exit(exit);
  };
  const wire = (channel: ClientChannel): void => {
    channel.on('data', (chunk: Buffer) => out.data(chunk, 'stdout'));
    channel.stderr.on('data', (chunk: Buffer) => out.data(chunk, 'stderr'));
    channel.on('exit', (code: number | null, name?: string) => {
      status = code;
      signal = name ?? undefined;
    });
    channel.on('close', () => {
      client.end();
      end({ status, signal });
    });
  };
  let channel: ClientChannel;
  try {
    channel = await openChannel(client, request, wire);
  } catch (error) {
    client.end();
    throw new BenchtopError(
      'PERMISSION_DENIED',
      `${target.board} refused to start a shell over ssh.`,
      toErrorInfo(error).message,
    );
  }
  // The link dropping (the board went away) ends the shell with a reason.
  client.on('error', (error) => {
    end({ status: null, error: toErrorInfo(sshError(error, target, [])) });
  });
  client.on('close', () => end({ status, signal }));
  return {
    command: request.command.length > 0 ? [...request.command] : ['(login shell)'],
    write: (data) => void channel.write(data),
    end: () => void channel.end(),
    resize: async (cols, rows) => void channel.setWindow(rows, cols, 0, 0),
    kill: () => {
      channel.close();
      client.end();
    },
  };
}
