// SPDX-License-Identifier: Apache-2.0
// Reads what the classic builder streams back: `{stream}` text, `{aux: {ID}}` for the image,
// and `{errorDetail, error}` when a step fails. A failing RUN still answers HTTP 200, so the
// error can only be found here, inside the stream; it has to name the step and its output.
import { BenchtopError } from '../../../shared/errors.js';

/** How many output lines a build error carries, so the person sees why the step failed. */
export const ERROR_TAIL_LINES = 20;

/** One decoded message of the build stream (fields we use; the engine sends more). */
export interface BuildMessage {
  readonly stream?: unknown;
  readonly aux?: unknown;
  readonly error?: unknown;
  readonly errorDetail?: unknown;
}

const STEP_LINE = /^Step \d+\/\d+ : /;

/** Follows one service's build: the lines to show, the current step, the image or the error. */
export class BuildOutput {
  private step: string | undefined;
  private readonly tail: string[] = [];
  private partial = '';
  private imageId: string | undefined;
  private error: string | undefined;

  constructor(readonly service: string) {}

  /** Takes one message; returns the complete lines it carried, ready to show. */
  feed(message: BuildMessage): string[] {
    const lines: string[] = [];
    if (typeof message.stream === 'string') lines.push(...this.splitLines(message.stream));
    const id = auxImageId(message.aux);
    if (id !== undefined) this.imageId = id;
    const error = errorText(message);
    if (error !== undefined) {
      lines.push(...this.flush());
      this.error = error;
      lines.push(error);
    }
    return lines;
  }

  /** Whatever text is left without a final newline. */
  flush(): string[] {
    const rest = this.partial;
    this.partial = '';
    return rest.trim() === '' ? [] : [this.remember(rest)];
  }

  /** The image built; throws the build's own error, or says the stream ended without one. */
  result(): string {
    if (this.error !== undefined) throw this.failure(this.error);
    if (this.imageId === undefined) {
      throw this.failure('The engine ended the build without naming an image (connection lost?)');
    }
    return this.imageId;
  }

  /** A BenchtopError naming the service, the step that was running and its last output. */
  failure(why: string): BenchtopError {
    const where = this.step === undefined ? '' : ` at "${this.step}"`;
    const detail = this.tail.length > 0 ? this.tail.join('\n') : undefined;
    // The work failed (exit 1), not its input: the same project may build on another try.
    return new BenchtopError(
      'DOCKER_FAILED',
      `Building service ${this.service} failed${where}: ${why}`,
      detail,
    );
  }

  private splitLines(text: string): string[] {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    return parts.filter((line) => line.trim() !== '').map((line) => this.remember(line));
  }

  private remember(raw: string): string {
    const line = raw.replace(/\r$/, '');
    if (STEP_LINE.test(line)) {
      this.step = line;
      this.tail.length = 0;
    }
    this.tail.push(line);
    if (this.tail.length > ERROR_TAIL_LINES) this.tail.shift();
    return line;
  }
}

function auxImageId(aux: unknown): string | undefined {
  if (typeof aux !== 'object' || aux === null || !('ID' in aux)) return undefined;
  return typeof aux.ID === 'string' ? aux.ID : undefined;
}

function errorText(message: BuildMessage): string | undefined {
  const detail = message.errorDetail;
  if (typeof detail === 'object' && detail !== null && 'message' in detail) {
    if (typeof detail.message === 'string') return detail.message.trim();
  }
  return typeof message.error === 'string' ? message.error.trim() : undefined;
}
