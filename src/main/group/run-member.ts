// SPDX-License-Identifier: Apache-2.0
// One board's part of a group exec: the command run where the request says, through the
// contract (`console.exec` or `shell.exec`), and whatever happens turned into its result.
import type { GroupBoardResult, GroupExecRequest } from '../../shared/contract/index.js';
import { BenchtopError, toErrorInfo } from '../../shared/errors.js';
import type { CallContext } from '../contract/handlers.js';
import type { LocalCall } from '../contract/local-call.js';
import type { GroupMember } from './select-boards.js';

type Request = Required<Omit<GroupExecRequest, 'user' | 'password'>> &
  Pick<GroupExecRequest, 'user' | 'password'>;

const OUTPUT_CHARS = 64 * 1024;
const tail = (text: string): string =>
  text.length > OUTPUT_CHARS ? text.slice(text.length - OUTPUT_CHARS) : text;

async function runThere(
  call: LocalCall,
  member: GroupMember,
  request: Request,
  context: CallContext,
): Promise<{ output: string; status: number | null }> {
  const { command, timeoutMs, over } = request;
  if (over.kind === 'serial') {
    const port = member.portPath === undefined ? { board: member.name } : { path: member.portPath };
    const login = {
      ...(request.user === undefined ? {} : { user: request.user }),
      ...(request.password === undefined ? {} : { password: request.password }),
    };
    return call('console.exec', { ...port, command, timeoutMs, ...login }, context);
  }
  const target =
    over.kind === 'ssh'
      ? { kind: 'host' as const }
      : { kind: 'service' as const, service: over.service };
  return call('shell.exec', { board: member.name, target, command, timeoutMs }, context);
}

/**
 * The board's result: never throws. The command's own timeout is the first guard; this one
 * also bounds what comes before it (connecting, logging in) so that no board holds the group.
 */
export async function runMember(
  call: LocalCall,
  member: GroupMember,
  request: Request,
  context: CallContext,
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
          `${member.name} did not finish within ${request.timeoutMs / 1000} s: it was left, and the rest of the group went on.`,
        ),
      );
    }, request.timeoutMs + 2000);
  });
  const durationMs = () => Math.round(performance.now() - started);
  try {
    const ran = await Promise.race([
      runThere(call, member, request, { ...context, signal: stop.signal }),
      timedOut,
    ]);
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
