// SPDX-License-Identifier: Apache-2.0
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { ContractClient } from '../../../shared/client.js';
import type { ConsoleSession, ConsoleSettings } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/errors.js';
// The pure parts, not the serial service: that loads serialport, which the engine loads itself.
import { KeyCommands, keyHelp, type KeyAction } from '../../serial/key-commands.js';
import { clockStamp, LineStamper } from '../../serial/line-stamper.js';
import { printJson, reportError } from '../output.js';
import { withConnection } from '../run-action.js';

interface SettingsOptions {
  baud?: string;
  databits?: string;
  parity?: ConsoleSettings['parity'];
  stopbits?: string;
  flow?: 'none' | 'hard' | 'soft';
  localEcho?: boolean;
  mapSend?: ConsoleSettings['sendMap'];
  mapReceive?: ConsoleSettings['receiveMap'];
}

/** Only what was given on the command line: the rest comes from what the port remembers. */
function settingsFrom(options: SettingsOptions): Partial<ConsoleSettings> | undefined {
  const settings: Record<string, unknown> = {};
  // Numbers stay strings when they are not numbers, so the contract's check names the bad value.
  const num = (text: string): number | string => (/^\d+(\.\d+)?$/.test(text) ? Number(text) : text);
  if (options.baud !== undefined) settings['baudRate'] = num(options.baud);
  if (options.databits !== undefined) settings['dataBits'] = num(options.databits);
  if (options.parity !== undefined) settings['parity'] = options.parity;
  if (options.stopbits !== undefined) settings['stopBits'] = num(options.stopbits);
  if (options.flow !== undefined)
    settings['flowControl'] =
      options.flow === 'hard' ? 'rts-cts' : options.flow === 'soft' ? 'xon-xoff' : 'none';
  if (options.localEcho) settings['localEcho'] = true;
  if (options.mapSend !== undefined) settings['sendMap'] = options.mapSend;
  if (options.mapReceive !== undefined) settings['receiveMap'] = options.mapReceive;
  return Object.keys(settings).length > 0 ? settings : undefined;
}

function addSettingsOptions(command: Command): Command {
  return command
    .option('-b, --baud <bps>', 'baud rate (9600 … 3000000 or any other)')
    .addOption(new Option('-d, --databits <n>', 'data bits').choices(['5', '6', '7', '8']))
    .addOption(
      new Option('-p, --parity <p>', 'parity').choices(['none', 'even', 'odd', 'mark', 'space']),
    )
    .addOption(new Option('-s, --stopbits <n>', 'stop bits').choices(['1', '1.5', '2']))
    .addOption(new Option('-f, --flow <f>', 'flow control').choices(['none', 'hard', 'soft']))
    .addOption(
      new Option('--map-send <m>', 'line ends typed → board').choices([
        'none',
        'cr-to-lf',
        'cr-to-crlf',
        'lf-to-cr',
      ]),
    )
    .addOption(
      new Option('--map-receive <m>', 'line ends board → screen').choices([
        'none',
        'lf-to-crlf',
        'cr-to-lf',
        'ignore-cr',
      ]),
    )
    .option('-e, --local-echo', 'show what you type (for boards that do not echo)');
}

/** About a screenful from the end of the history, starting at a line. */
function recentLines(history: Buffer, bytes = 4096): Buffer {
  if (history.length <= bytes) return history;
  const tail = history.subarray(history.length - bytes);
  const newline = tail.indexOf(0x0a);
  return newline === -1 ? tail : tail.subarray(newline + 1);
}

/** A path has a slash; anything else is the name of a board a port was tied to. */
const target = (port: string): { path: string } | { board: string } =>
  port.includes('/') ? { path: port } : { board: port };

const describeSettings = (s: ConsoleSettings): string =>
  `${s.baudRate} ${s.dataBits}${s.parity[0]?.toUpperCase() ?? 'N'}${s.stopBits}, flow ${s.flowControl}`;

const sayOnTerminal = (text: string): void => {
  // Benchtop's own words on a line of their own, like tio's "[tio 12:00:00] …" lines.
  process.stderr.write(`\r\n[benchtop ${clockStamp(new Date()).slice(1, 9)}] ${text}\r\n`);
};

async function interactive(
  client: ContractClient,
  path: string,
  options: SettingsOptions & { log?: string; timestamps?: boolean; json?: boolean },
): Promise<void> {
  const json = options.json ?? false;
  // With --json the session is for scripts: JSON lines on stdout, Benchtop's words on stderr.
  const say = (text: string): void => {
    if (json) process.stderr.write(`benchtop: ${text}\n`);
    else sayOnTerminal(text);
  };
  const stamper = new LineStamper(clockStamp);
  let timestamps = options.timestamps ?? false;
  let session: ConsoleSession | undefined;
  const early: { sessionId: string; seq: number; data: string }[] = [];
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
  /** Events are held until the history is in, then the ones it covers are dropped. */
  let historySeq: number | undefined = undefined;
  let lastSeq = 0;
  const showEvent = (event: { seq: number; data: string }): void => {
    if (lastSeq > 0 && event.seq > lastSeq + 1) {
      say(`${event.seq - lastSeq - 1} chunk(s) of output did not reach this terminal.`);
    }
    lastSeq = event.seq;
    write(Buffer.from(event.data, 'base64'), event.seq);
  };
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));

  const stopData = client.on('console.data', (event) => {
    if (historySeq === undefined) early.push(event);
    else if (event.sessionId === session?.id && event.seq > historySeq) showEvent(event);
  });
  const stopState = client.on('console.state', (info) => {
    if (session && info.id === session.id) {
      if (json) printJson({ event: 'console.state', session: info });
      if (info.state === 'closed') {
        say(`The console on ${info.path} was closed.`);
        finish();
      }
      session = info;
    }
  });

  const input: {
    settings?: Partial<ConsoleSettings>;
    logFile?: string;
    path?: string;
    board?: string;
  } = target(path);
  const settings = settingsFrom(options);
  if (settings) input.settings = settings;
  if (options.log !== undefined) input.logFile = options.log;
  session = await client.call('console.open', input);
  const sessionId = session.id;
  const history = await client.call('console.history', { sessionId });
  // Joining a console others watch: the last lines of it, so the screen is not blank.
  if (session.viewers > 1) write(recentLines(Buffer.from(history.data, 'base64')));
  historySeq = history.seq;
  lastSeq = history.seq;
  for (const event of early) {
    if (event.sessionId === sessionId && event.seq > history.seq) showEvent(event);
  }
  if (json) printJson({ event: 'console.open', session });
  else
    say(
      `Connected to ${session.path} (${describeSettings(session.settings)})${session.viewers > 1 ? `, shared with ${session.viewers - 1} other viewer(s)` : ''}. Ctrl-T ? for help, Ctrl-T q to quit.`,
    );

  const keys = new KeyCommands();
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
        const current = session?.settings.localEcho ?? false;
        session = await client.call('console.settings', {
          sessionId,
          settings: { localEcho: !current },
        });
        return say(`Local echo ${current ? 'off' : 'on'}.`);
      }
      case 'status': {
        const info = session;
        if (!info) return;
        return say(
          `${info.path}: ${info.state}${info.reason ? ` (${info.reason})` : ''}, ${describeSettings(info.settings)}, ${info.viewers} viewer(s), ${info.received} bytes received${info.logFile ? `, logging to ${info.logFile}` : ''}${info.gaps.length > 0 ? `, ${info.gaps.length} gap(s)` : ''}.`,
        );
      }
    }
  };
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
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          say(message);
        });
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
    stopData();
    stopState();
    await client.call('console.close', { sessionId }).catch(() => undefined);
    say('Disconnected.');
  }
}

interface ExecOptions extends SettingsOptions {
  user?: string;
  passwordFile?: string;
  timeout: string;
  json?: boolean;
}

async function readPassword(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BenchtopError(
      error.code === 'EACCES' ? 'PERMISSION_DENIED' : 'NOT_FOUND',
      `Cannot read the password file ${file}.`,
      error.message,
    );
  });
  // One line, as `echo secret > file` writes it.
  return text.replace(/\r?\n$/, '');
}

export function registerConsole(program: Command): void {
  const consoleCommand = addSettingsOptions(
    program
      .command('console')
      .description(
        'An interactive serial console (tio-like keys: Ctrl-T then q quit, b break, t timestamps, l clear, ? help). Shares the port with a running app or `benchtop serve`.',
      )
      .argument(
        '<port>',
        'serial port path (/dev/ttyUSB0, a /dev/serial/by-id link, a pty), or a board tied to one',
      )
      .option('-l, --log <file>', 'log everything to this file with a timestamp per line')
      .option('-t, --timestamps', 'show a timestamp at the start of each line')
      .option(
        '--json',
        'for scripts: JSON lines of output and state on stdout; stdin bytes go to the board as they are',
      ),
  );
  consoleCommand.action(
    (
      port: string,
      options: SettingsOptions & { log?: string; timestamps?: boolean; json?: boolean },
    ) =>
      withConnection({ attach: true, json: options.json ?? false }, async ({ client }) =>
        interactive(client, port, options),
      ),
  );

  consoleCommand
    .command('exec')
    .description(
      "Run a shell command on a board's serial getty and exit with its status; logs in first when the console asks",
    )
    .argument('<port>', 'serial port path, or a board tied to one')
    .argument('<command...>', 'the command (after --), run by the board’s shell in a subshell')
    .option('-u, --user <name>', 'user to log in as when a login prompt shows', 'root')
    .option('--password-file <file>', 'file holding the password (first line)')
    .option('--timeout <seconds>', 'give up after this long', '60')
    .option('--json', 'print {output, status} as JSON')
    .addHelpText(
      'after',
      '\nPort settings (-b/--baud, -p/--parity …) are those of `benchtop console`.',
    )
    .action((port: string, words: string[], _options: ExecOptions, command: Command) => {
      // The port settings are the parent's options; commander parses them wherever they stand.
      const options = command.optsWithGlobals<ExecOptions>();
      return withConnection({ json: options.json ?? false, attach: true }, async ({ client }) => {
        const seconds = Number(options.timeout);
        if (!Number.isFinite(seconds) || seconds <= 0) {
          reportError(
            new BenchtopError(
              'INVALID_INPUT',
              `--timeout must be a number of seconds, not "${options.timeout}".`,
            ),
            options.json ?? false,
          );
          return;
        }
        const password =
          options.passwordFile !== undefined ? await readPassword(options.passwordFile) : undefined;
        const settings = settingsFrom(options);
        const result = await client.call('console.exec', {
          ...target(port),
          command: words.join(' '),
          timeoutMs: Math.round(seconds * 1000),
          ...(options.user !== undefined ? { user: options.user } : {}),
          ...(password !== undefined ? { password } : {}),
          ...(settings ? { settings } : {}),
        });
        if (options.json) printJson(result);
        else process.stdout.write(result.output);
        process.exitCode = result.status;
      });
    });
}
