// SPDX-License-Identifier: Apache-2.0
// Running one command on a board's serial getty, for test stands: wake the console, log in if
// it asks, make sure a shell answers, then run the command in a subshell between two markers
// that only the command's output (never the echo of what we typed) can contain.
import { randomBytes } from 'node:crypto';
import type { ConsoleExecResult, ConsoleState } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { hints } from '../../shared/error-hints.js';
import { LOGIN, LOGIN_INCORRECT, PASSWORD, PROMPT, Transcript } from './exec-transcript.js';

export interface ExecTarget {
  readonly path: string;
  readonly state: ConsoleState;
  tap(listener: (chunk: Buffer) => void): () => void;
  watchState(listener: (state: ConsoleState) => void): () => void;
  writeRaw(data: Buffer): Promise<void>;
  /** Keeps exec's work from viewers; the returned function shows one line and the result. */
  hideOutput(): (summary: string, shown: Buffer) => void;
}

export interface ExecRequest {
  command: string;
  user?: string | undefined;
  password?: string | undefined;
  timeoutMs: number;
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export async function execOnConsole(
  target: ExecTarget,
  request: ExecRequest,
): Promise<ConsoleExecResult> {
  if (target.state !== 'connected') {
    throw BenchtopError.withHint(
      'TARGET_LOST',
      `${target.path} is not connected right now.`,
      hints.consoleGone,
    );
  }
  const transcript = new Transcript();
  const deadline = Date.now() + request.timeoutMs;
  let lost: string | undefined;
  const stopTap = target.tap((chunk) => transcript.push(chunk));
  const stopWatch = target.watchState((state) => {
    if (state !== 'connected') lost = state;
  });
  const nonce = randomBytes(6).toString('hex');
  const reveal = target.hideOutput();
  const said = `exec: ${request.command.length > 80 ? `${request.command.slice(0, 79)}…` : request.command}`;
  const send = (text: string): Promise<void> => target.writeRaw(Buffer.from(text, 'utf8'));

  const check = (phase: string): void => {
    if (lost !== undefined) {
      throw BenchtopError.withHint(
        'TARGET_LOST',
        `${target.path} went away while ${phase}; the command's result is unknown.`,
        hints.consoleGone,
      );
    }
    if (Date.now() > deadline) {
      throw new BenchtopError(
        'TIMEOUT',
        `The console on ${target.path} did not finish ${phase} within ${Math.round(request.timeoutMs / 1000)} s.`,
      );
    }
  };

  /** Waits until the fresh output matches, or until it has been quiet for quietMs (then null). */
  const waitFor = async (
    patterns: readonly RegExp[],
    phase: string,
    limitMs: number,
    quietMs = limitMs,
  ): Promise<number | null> => {
    const until = Math.min(deadline, Date.now() + limitMs);
    let lastLength = transcript.raw().length;
    let quietSince = Date.now();
    for (;;) {
      check(phase);
      const line = transcript.lastLine();
      const index = patterns.findIndex((pattern) => pattern.test(line));
      if (index !== -1) return index;
      if (transcript.raw().length !== lastLength) {
        lastLength = transcript.raw().length;
        quietSince = Date.now();
      }
      const now = Date.now();
      if (now >= until || now - quietSince >= quietMs) return null;
      await transcript.next(Math.min(until - now, quietMs - (now - quietSince), 100));
    }
  };

  /** Asks the shell to print a word it can only print by running; true when it did. */
  const shellAnswers = async (): Promise<boolean> => {
    transcript.consumeAll();
    await send(` printf '%s_%s\\n' BTREADY ${nonce}\r`);
    const ready = new RegExp(`BTREADY_${nonce}\\n`);
    const until = Math.min(deadline, Date.now() + 4000);
    while (Date.now() < until) {
      check('waiting for the shell');
      if (ready.test(transcript.fresh())) return true;
      await transcript.next(100);
    }
    return false;
  };

  /**
   * Who the shell runs as: exec does not log someone else out behind their back, so a console
   * logged in as another user than the one asked for is refused.
   */
  const checkUser = async (wanted: string): Promise<void> => {
    transcript.consumeAll();
    await send(` printf '%s_%s_%s\\n' BTUSER ${nonce} "$(id -un)"\r`);
    const answer = new RegExp(`BTUSER_${nonce}_(\\S+)\\n`);
    const until = Math.min(deadline, Date.now() + 4000);
    let who: string | undefined;
    while (who === undefined && Date.now() < until) {
      check('asking who is logged in');
      who = answer.exec(transcript.fresh())?.[1];
      if (who === undefined) await transcript.next(100);
    }
    if (who === undefined) {
      throw new BenchtopError(
        'TIMEOUT',
        `The shell on ${target.path} did not say who is logged in.`,
      );
    }
    if (who !== wanted) {
      throw new BenchtopError(
        'BUSY',
        `The console on ${target.path} is logged in as ${who}, not ${wanted}: exec does not log another user out. Log out there first (type exit), or run the command as ${who} (without --user, or with sudo).`,
      );
    }
  };

  const logIn = async (): Promise<void> => {
    const user = request.user ?? 'root';
    transcript.consumeAll();
    await send(`${user}\r`);
    const after = await waitFor([PASSWORD, LOGIN_INCORRECT, PROMPT], 'logging in', 10_000, 3000);
    if (after === 0) {
      if (request.password === undefined) {
        await send('\r');
        throw BenchtopError.withHint(
          'PERMISSION_DENIED',
          `The console on ${target.path} asks for ${user}'s password, and none was given.`,
          hints.passwordNeeded,
        );
      }
      transcript.consumeAll();
      await send(`${request.password}\r`);
      // login(1) waits a few seconds after a wrong password before it says so.
      const result = await waitFor([LOGIN_INCORRECT, LOGIN, PROMPT], 'logging in', 15_000, 8000);
      if (result === 0 || result === 1) {
        throw BenchtopError.withHint(
          'PERMISSION_DENIED',
          `The board on ${target.path} refused the login as ${user}.`,
          hints.loginRefused,
        );
      }
    } else if (after === 1) {
      throw BenchtopError.withHint(
        'PERMISSION_DENIED',
        `The board on ${target.path} refused the login as ${user}.`,
        hints.loginRefused,
      );
    }
  };

  try {
    let loggedIn = false;
    let ready = false;
    for (let attempt = 0; attempt < 4 && !ready; attempt++) {
      transcript.consumeAll();
      // A Ctrl-C first after a failed try: something may hold the foreground (a pager, a cat).
      await send(attempt === 0 ? '\r' : '\x03\r');
      const seen = await waitFor([LOGIN, PASSWORD, PROMPT], 'waking the console', 3000, 700);
      if (seen === 0) {
        await logIn();
        loggedIn = true;
      } else if (seen === 1) {
        // A half-finished login from someone else: finish it empty, login(1) starts over.
        await send('\r');
        await waitFor([LOGIN], 'waking the console', 8000);
        continue;
      }
      ready = await shellAnswers();
    }
    if (!ready) {
      throw new BenchtopError(
        'TIMEOUT',
        `No shell answered on ${target.path}: the board may still be booting, or the port settings (baud rate) may be wrong.`,
      );
    }

    if (request.user !== undefined && !loggedIn) await checkUser(request.user);

    transcript.consumeAll();
    const begin = new RegExp(`BTBEGIN_${nonce}\\r?\\n`);
    const end = new RegExp(`\\r?\\nBTEND_${nonce}_(\\d+)\\r?\\n`);
    // Typed, never pasted as one blob of lines: a leading space keeps it out of shell history,
    // the subshell keeps `exit` from ending the login.
    await send(
      ` printf '%s_%s\\n' BTBEGIN ${nonce}; (${request.command}\n); printf '\\n%s_%s_%s\\n' BTEND ${nonce} $?\r`,
    );
    for (;;) {
      const raw = transcript.raw().slice(transcript.consumed);
      const start = begin.exec(raw);
      const finish = start ? end.exec(raw.slice(start.index + start[0].length)) : null;
      if (start && finish) {
        const after = raw.slice(start.index + start[0].length);
        const body = after.slice(0, finish.index);
        const status = Number(finish[1]);
        // Viewers see the command's output and the prompt after it, under one line saying so.
        const tail = after.slice(finish.index + finish[0].length);
        reveal(
          `${said} → exit ${status}`,
          Buffer.from(`${body}${body ? '\r\n' : ''}${tail}`, 'latin1'),
        );
        return {
          output: Buffer.from(body, 'latin1').toString('utf8').replace(/\r\n/g, '\n'),
          status,
          loggedIn,
        };
      }
      if (Date.now() > deadline && lost === undefined) {
        // Leave the shell usable for the next exec.
        await send('\x03').catch(() => undefined);
      }
      check(`running ${shellQuote(request.command.slice(0, 80))}`);
      await transcript.next(100);
    }
  } catch (error) {
    reveal(
      `${said} → failed: ${error instanceof Error ? error.message : String(error)}`,
      Buffer.alloc(0),
    );
    throw error;
  } finally {
    stopTap();
    stopWatch();
  }
}
