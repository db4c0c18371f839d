// SPDX-License-Identifier: Apache-2.0
// Running one command on a board's serial getty, for test stands: wake the console, log in if
// it asks, make sure a shell answers, then run the command in a subshell between two markers
// that only the command's output (never the echo of what we typed) can contain.
import { randomBytes } from 'node:crypto';
import type { ConsoleExecResult, ConsoleState } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import { hints } from '../../shared/error-hints.js';

export interface ExecTarget {
  readonly path: string;
  readonly state: ConsoleState;
  tap(listener: (chunk: Buffer) => void): () => void;
  watchState(listener: (state: ConsoleState) => void): () => void;
  writeRaw(data: Buffer): Promise<void>;
}

export interface ExecRequest {
  command: string;
  user?: string | undefined;
  password?: string | undefined;
  timeoutMs: number;
}

// ANSI colours and cursor moves in prompts (balenaOS colours its prompt) hide the words we look for.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]/g;
const LOGIN = /\blogin:\s*$/i;
const PASSWORD = /\bpassword:\s*$/i;
const LOGIN_INCORRECT = /login incorrect|authentication fail|permission denied/i;
const PROMPT = /[$#%>]\s*$/;

/** The console's transcript since exec began, searchable as bytes (latin1 keeps one char per byte). */
class Transcript {
  private text = '';
  /** Everything before this has been looked at and used. */
  consumed = 0;
  private waiter: (() => void) | undefined;

  push(chunk: Buffer): void {
    this.text += chunk.toString('latin1');
    this.waiter?.();
  }

  /** What arrived since the last consume, without colour codes or carriage returns. */
  fresh(): string {
    return this.text.slice(this.consumed).replace(ANSI, '').replace(/\r/g, '');
  }

  lastLine(): string {
    const fresh = this.fresh().trimEnd();
    return fresh.slice(fresh.lastIndexOf('\n') + 1);
  }

  consumeAll(): void {
    this.consumed = this.text.length;
  }

  raw(): string {
    return this.text;
  }

  /** Resolves on the next chunk or after ms, whichever is first. */
  async next(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.waiter = done;
    });
    this.waiter = undefined;
  }
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
        const body = raw.slice(start.index + start[0].length).slice(0, finish.index);
        return {
          output: Buffer.from(body, 'latin1').toString('utf8').replace(/\r\n/g, '\n'),
          status: Number(finish[1]),
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
  } finally {
    stopTap();
    stopWatch();
  }
}
