// SPDX-License-Identifier: Apache-2.0
// `benchtop console <port>`: the terminal attached to a console session, with tio's key commands.
import { resolve } from 'node:path';
import type { ContractClient } from '../../../shared/client.js';
import { describeSettings } from '../../../shared/console-settings-text.js';
import type { ConsoleSession } from '../../../shared/contract/index.js';
import { describeError } from '../../../shared/errors.js';
import { followConsole } from '../../../shared/follow-console.js';
import { clockStamp, LineStamper } from '../../../shared/line-stamper.js';
import { printJson } from '../output.js';
import { KeyCommands, keyHelp, type KeyAction } from './key-commands.js';
import { settingsFrom, type SettingsOptions } from './settings-options.js';

export interface InteractiveOptions extends SettingsOptions {
  log?: string;
  logPlain?: boolean;
  timestamps?: boolean;
  json?: boolean;
}

/** About a screenful from the end of the history, starting at a line. */
function recentLines(history: Buffer, bytes = 4096): Buffer {
  if (history.length <= bytes) return history;
  const tail = history.subarray(history.length - bytes);
  const newline = tail.indexOf(0x0a);
  return newline === -1 ? tail : tail.subarray(newline + 1);
}

/** A path has a slash; anything else is the name of a board a port was tied to. */
export const target = (port: string): { path: string } | { board: string } =>
  port.includes('/') ? { path: port } : { board: port };

const sayOnTerminal = (text: string): void => {
  // Benchtop's own words on a line of their own, like tio's "[tio 12:00:00] …" lines.
  process.stderr.write(`\r\n[benchtop ${clockStamp(new Date()).slice(1, 9)}] ${text}\r\n`);
};

const statusLine = (info: ConsoleSession): string =>
  `${info.path}: ${info.state}${info.reason ? ` (${info.reason})` : ''}, ${describeSettings(info.settings)}, ${info.viewers} viewer(s), ${info.received} bytes received${info.logFile ? `, logging to ${info.logFile}` : ''}${info.gaps.length > 0 ? `, ${info.gaps.length} gap(s)` : ''}.`;

export async function interactive(
  client: ContractClient,
  port: string,
  options: InteractiveOptions,
): Promise<void> {
  const json = options.json ?? false;
  // With --json the session is for scripts: JSON lines on stdout, Benchtop's words on stderr.
  const say = (text: string): void => {
    if (json) process.stderr.write(`benchtop: ${text}\n`);
    else sayOnTerminal(text);
  };
  const stamper = new LineStamper(clockStamp);
  let timestamps = options.timestamps ?? false;
  const write = (bytes: Buffer, seq?: number): void => {
    if (json) {
      printJson({
        event: 'console.data',
        at: new Date().toISOString(),
        ...(seq !== undefined ? { seq } : {}),
        text: bytes.toString('utf8'),
        data: bytes.toString('base64'),
      });
    } else process.stdout.write(timestamps ? stamper.stamp(bytes) : bytes);
  };
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));

  const settings = settingsFrom(options);
  let session = await client.call('console.open', {
    ...target(port),
    ...(settings ? { settings } : {}),
    // The log belongs to this command: it ends when the command quits, whoever else watches.
    ...(options.log !== undefined
      ? {
          logFile: resolve(options.log),
          logOwner: `benchtop console (pid ${process.pid})`,
          ...(options.logPlain ? { logPlain: true } : {}),
        }
      : {}),
  });
  const sessionId = session.id;
  const stopState = client.on(
    'console.state',
    (info) => {
      if (json) printJson({ event: 'console.state', session: info });
      if (info.state === 'closed') {
        say(`The console on ${info.path} was closed.`);
        finish();
      }
      session = info;
    },
    { key: sessionId },
  );
  const viewers = session.viewers;
  const follow = followConsole(client, sessionId, {
    // Joining a console others watch: the last lines of it, so the screen is not blank.
    history: (data) => {
      if (viewers > 1) write(recentLines(Buffer.from(data, 'base64')));
    },
    data: (data, seq) => write(Buffer.from(data, 'base64'), seq),
    gap: (missing) => say(`${missing} chunk(s) of output did not reach this terminal.`),
  });
  await follow.ready;
  if (json) printJson({ event: 'console.open', session });
  else
    say(
      `Connected to ${session.path} (${describeSettings(session.settings)})${viewers > 1 ? `, shared with ${viewers - 1} other viewer(s)` : ''}. Ctrl-T ? for help, Ctrl-T q to quit.`,
    );

  const run = async (action: KeyAction): Promise<void> => {
    switch (action) {
      case 'quit':
        return finish();
      case 'break':
        await client.call('console.break', { sessionId });
        return say('Sent BREAK.');
      case 'timestamps':
        timestamps = !timestamps;
        return say(`Timestamps ${timestamps ? 'on' : 'off'}.`);
      case 'clear':
        process.stdout.write('\x1b[2J\x1b[3J\x1b[H');
        return;
      case 'help':
        return say(keyHelp.replace(/\n/g, '\r\n'));
      case 'echo': {
        const current = session.settings.localEcho;
        session = await client.call('console.settings', {
          sessionId,
          settings: { localEcho: !current },
        });
        return say(`Local echo ${current ? 'off' : 'on'}.`);
      }
      case 'status':
        return say(statusLine(session));
    }
  };
  const keys = new KeyCommands();
  // Keystrokes go out in order: each write waits for the one before.
  let queue: Promise<void> = Promise.resolve();
  const onInput = (chunk: Buffer): void => {
    // Scripts send bytes as they are: key commands are for people at a terminal.
    const steps = json ? [{ send: chunk }] : keys.feed(chunk);
    for (const step of steps) {
      queue = queue
        .then(async () => {
          if ('send' in step)
            await client.call('console.write', {
              sessionId,
              data: step.send.toString('base64'),
              encoding: 'base64',
            });
          else await run(step.action);
        })
        .catch((error: unknown) => say(describeError(error)));
    }
  };
  const tty = process.stdin.isTTY && !json;
  if (tty) process.stdin.setRawMode(true);
  process.stdin.on('data', onInput);
  process.stdin.resume();
  const onSignal = (): void => finish();
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  if (!tty) process.once('SIGINT', onSignal);
  try {
    await done;
    await queue;
  } finally {
    process.stdin.off('data', onInput);
    if (tty) process.stdin.setRawMode(false);
    process.stdin.pause();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('SIGINT', onSignal);
    follow.stop();
    stopState();
    await client.call('console.close', { sessionId }).catch(() => undefined);
    say('Disconnected.');
  }
}
