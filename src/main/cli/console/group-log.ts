// SPDX-License-Identifier: Apache-2.0
// `benchtop console log --boards FILTER`: every selected board's console logs to one folder, a
// file per board, until this command quits (as the Consoles pane's "Log all to folder…" does
// while its window watches). A board whose console does not open fails alone and says why.
import { resolve } from 'node:path';
import type { ContractClient } from '../../../shared/client.js';
import { consoleFileName, logFilesIn } from '../../../shared/console-log-files.js';
import { BenchtopError, toErrorInfo, type ErrorInfo } from '../../../shared/errors.js';
import { ExitCode } from '../exit-codes.js';
import { printJson, printTable } from '../output.js';
import type { GroupFlags } from '../group/group-options.js';
import { selectionOf } from '../group/group-options.js';

export interface GroupLogFlags extends Pick<GroupFlags, 'boards' | 'board' | 'json'> {
  folder: string;
  plain?: boolean;
}

interface Started {
  board: string;
  file: string;
  sessionId?: string;
  error?: ErrorInfo;
}

/** Resolves on the first of SIGINT, SIGTERM or SIGHUP. */
const untilStopped = (): Promise<void> =>
  new Promise((done) => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const stop = (): void => {
      for (const signal of signals) process.off(signal, stop);
      done();
    };
    for (const signal of signals) process.once(signal, stop);
  });

export async function logGroup(client: ContractClient, flags: GroupLogFlags): Promise<void> {
  const { members } = await client.call('group.select', { boards: selectionOf(flags) });
  if (members.length === 0)
    throw new BenchtopError('NOT_FOUND', 'No board matches the selection: nothing to log.');
  const files = logFilesIn(
    resolve(flags.folder),
    members.map(({ name }) => consoleFileName({ board: name, path: name })),
  );
  const owner = `benchtop console log (pid ${process.pid})`;
  const started: Started[] = await Promise.all(
    members.map(async ({ name: board, portPath }, i): Promise<Started> => {
      const file = files[i] ?? '';
      try {
        // The inventory's port for the board, else the serial service's tie.
        const session = await client.call('console.open', {
          ...(portPath === undefined ? { board } : { path: portPath }),
          logFile: file,
          logOwner: owner,
          ...(flags.plain ? { logPlain: true } : {}),
        });
        return { board, file, sessionId: session.id };
      } catch (error) {
        return { board, file, error: toErrorInfo(error) };
      }
    }),
  );
  const logging = started.filter((s) => s.sessionId !== undefined);
  if (flags.json) for (const entry of started) printJson(entry);
  else {
    printTable(started, [
      ['BOARD', (s) => s.board],
      ['LOG', (s) => (s.error ? `not logging: ${s.error.message}` : s.file)],
    ]);
    process.stderr.write(
      logging.length > 0
        ? `Logging ${logging.length} of ${started.length} consoles; Ctrl-C stops.\n`
        : 'No console could be opened.\n',
    );
  }
  if (logging.length < started.length) process.exitCode = ExitCode.failed;
  if (logging.length === 0) return;
  await untilStopped();
  // Leaving ends each log (it belongs to this command); the console stays open for others.
  await Promise.all(
    logging.map((s) =>
      client.call('console.close', { sessionId: s.sessionId ?? '' }).catch(() => undefined),
    ),
  );
  if (!flags.json) process.stderr.write(`Stopped ${logging.length} logs.\n`);
}
