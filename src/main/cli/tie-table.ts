// SPDX-License-Identifier: Apache-2.0
// `benchtop ports tie --table FILE`: a stand's console table tied in one go. Every row is
// checked against the plugged ports and the inventory before the first tie; then each row is
// one `ports.tie`, and a row that still fails (its port unplugged since) fails alone.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ContractClient } from '../../shared/client.js';
import { BenchtopError, describeError, toErrorInfo } from '../../shared/errors.js';
import { planTies } from '../../shared/port-tie-table.js';
import { ExitCode } from './exit-codes.js';
import { printJson } from './output.js';

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new BenchtopError(
      'NOT_FOUND',
      `Cannot read the table ${file}: ${toErrorInfo(error).message}. Give a CSV with the columns board (or crate and slot) and port (or serial).`,
    );
  }
}

export async function tieFromTable(
  client: ContractClient,
  file: string,
  json: boolean,
): Promise<void> {
  const [text, ports, boards] = await Promise.all([
    readText(file),
    client.call('ports.list', {}),
    client.call('inventory.boards', {}),
  ]);
  const ties = planTies(text, { ports, boards }, file);
  let failed = 0;
  for (const tie of ties) {
    // A path is as the person at this shell typed it; the engine may run elsewhere.
    const path = tie.path.startsWith('/') ? tie.path : resolve(tie.path);
    try {
      await client.call('ports.tie', { path, board: tie.board });
      if (json) printJson({ event: 'tied', line: tie.line, path, board: tie.board });
      else process.stdout.write(`${path} is now the console of ${tie.board}.\n`);
    } catch (error) {
      failed++;
      const info = toErrorInfo(error);
      if (json) printJson({ event: 'failed', line: tie.line, path, board: tie.board, error: info });
      else
        process.stderr.write(`line ${tie.line}: ${path} → ${tie.board}: ${describeError(info)}\n`);
    }
  }
  if (!json)
    process.stdout.write(`${ties.length - failed} of ${ties.length} ports tied from ${file}.\n`);
  if (failed > 0) process.exitCode = ExitCode.failed;
}
