// SPDX-License-Identifier: Apache-2.0
// One board's part of a group action: the action's work on that board, bounded in time, and
// whatever happens turned into its result.
import type { GroupBoardResult } from '../../shared/contract/index.js';
import { BenchtopError, toErrorInfo } from '../../shared/errors.js';
import type { CallContext } from '../contract/handlers.js';
import type { GroupMember } from './select-boards.js';

/** What an action does on one board: its output and exit status (0 is success). */
export type MemberWork = (
  member: GroupMember,
  context: CallContext,
) => Promise<{ output: string; status: number | null }>;

const OUTPUT_CHARS = 64 * 1024;
const tail = (text: string): string =>
  text.length > OUTPUT_CHARS ? text.slice(text.length - OUTPUT_CHARS) : text;

/**
 * The board's result: never throws. The work's own timeout (a command's) is the first guard; this one
 * also bounds what comes before it (connecting, logging in) so that no board holds the group.
 */
export async function runMember(
  member: GroupMember,
  timeoutMs: number,
  context: CallContext,
  work: MemberWork,
): Promise<GroupBoardResult> {
  const started = performance.now();
  const stop = new AbortController();
  const cancel = () => stop.abort();
  context.signal?.addEventListener('abort', cancel, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stop.abort();
      reject(
        new BenchtopError(
          'TIMEOUT',
          `${member.name} did not finish within ${timeoutMs / 1000} s: it was left, and the rest of the group went on.`,
        ),
      );
    }, timeoutMs + 2000);
  });
  const durationMs = () => Math.round(performance.now() - started);
  try {
    const ran = await Promise.race([work(member, { ...context, signal: stop.signal }), timedOut]);
    return {
      board: member.name,
      ok: ran.status === 0,
      status: ran.status,
      durationMs: durationMs(),
      output: tail(ran.output),
    };
  } catch (error) {
    return {
      board: member.name,
      ok: false,
      status: null,
      durationMs: durationMs(),
      output: '',
      error: toErrorInfo(error),
    };
  } finally {
    clearTimeout(timer);
    context.signal?.removeEventListener('abort', cancel);
  }
}
