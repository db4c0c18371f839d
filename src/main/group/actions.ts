// SPDX-License-Identifier: Apache-2.0
// What each group action does on one board, through the contract like any face would: exec runs
// `console.exec` or `shell.exec`, service runs `board.service`, reboot runs `board.reboot`.
import type { CommandArgs } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';
import type { CallContext } from '../contract/handlers.js';
import type { LocalCall } from '../contract/local-call.js';
import type { MemberWork } from './run-member.js';

export function execWork(call: LocalCall, request: CommandArgs<'group.exec'>): MemberWork {
  const { command, timeoutMs, over } = request;
  return async (member, context) => {
    if (over.kind === 'serial') {
      const port =
        member.portPath === undefined ? { board: member.name } : { path: member.portPath };
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
  };
}

/** The project a service belongs to on a board, when the request does not say: the one that has it. */
async function projectOf(
  call: LocalCall,
  board: string,
  service: string,
  context: CallContext,
): Promise<string> {
  const running = await call('board.services', { board }, context);
  const projects = [...new Set(running.filter((s) => s.name === service).map((s) => s.project))];
  const [only] = projects;
  if (projects.length === 1 && only !== undefined) return only;
  if (projects.length === 0) {
    const names = [...new Set(running.map((s) => s.name))].join(', ');
    throw new BenchtopError(
      'NOT_FOUND',
      `${board} runs no service "${service}" pushed by Benchtop (${names === '' ? 'it runs none' : `it has: ${names}`}).`,
    );
  }
  throw new BenchtopError(
    'INVALID_INPUT',
    `"${service}" is in ${projects.length} projects on ${board} (${projects.join(', ')}): name the project (--project).`,
  );
}

export function serviceWork(call: LocalCall, request: CommandArgs<'group.service'>): MemberWork {
  return async (member, context) => {
    const project =
      request.project ?? (await projectOf(call, member.name, request.service, context));
    const service = await call(
      'board.service',
      { board: member.name, project, service: request.service, action: request.action },
      context,
    );
    return { output: `${project}/${service.name}: ${service.state}`, status: 0 };
  };
}

export function rebootWork(call: LocalCall): MemberWork {
  return async (member, context) => {
    await call('board.reboot', { board: member.name }, context);
    return { output: 'rebooting', status: 0 };
  };
}
