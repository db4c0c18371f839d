// SPDX-License-Identifier: Apache-2.0
// What a session needs of the program behind it, whether an exec in a container or an ssh
// channel to the host OS.
import type { ErrorInfo } from '../../shared/errors.js';

export type OutputStream = 'stdout' | 'stderr';

export interface ProcessExit {
  readonly status: number | null;
  readonly signal?: string | undefined;
  readonly error?: ErrorInfo | undefined;
}

/** Where a process's output and end go: the session. */
export interface ShellOutput {
  data(chunk: Buffer, stream: OutputStream): void;
  /** Called once, however it ends. */
  exit(exit: ProcessExit): void;
}

export interface ShellProcess {
  /** What runs, for the session's info. */
  readonly command: readonly string[];
  readonly containerId?: string;
  write(data: Buffer): void;
  /** Closes the program's input. */
  end(): void;
  resize(cols: number, rows: number): Promise<void>;
  /** Hangs up: the program is sent away and the link closed. */
  kill(): void;
}

export interface ShellRequest {
  /** Words of a command, joined and run by the shell; empty: an interactive shell. */
  readonly command: readonly string[];
  readonly tty: boolean;
  readonly cols: number;
  readonly rows: number;
}
