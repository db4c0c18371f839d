// SPDX-License-Identifier: Apache-2.0
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { InventoryFormat } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/errors.js';
import { writePrivateFile } from '../../settings/write-private-file.js';
import { printJson } from '../output.js';
import { withConnection, type JsonOption } from '../run-action.js';

interface FormatOption extends JsonOption {
  format?: string;
}

/** --format, else the file's extension; a file named neither way is a question, not a guess. */
export function formatFor(file: string, given: string | undefined): InventoryFormat {
  const format = given ?? /\.(json|csv)$/i.exec(file)?.[1]?.toLowerCase();
  if (format === 'json' || format === 'csv') return format;
  throw new BenchtopError(
    'INVALID_INPUT',
    given
      ? `--format must be json or csv, not "${given}".`
      : `Cannot tell the format of ${file}: name it .json or .csv, or pass --format json|csv.`,
  );
}

export function registerInventory(program: Command): void {
  const inventory = program
    .command('inventory')
    .description('Export the inventory to a file, or import boards from one (JSON or CSV)');
  inventory
    .command('export')
    .description(
      'Write the inventory to FILE: JSON (everything, with history) or CSV (the boards); - for stdout',
    )
    .argument('<file>', 'where to write (.json or .csv), or - for stdout')
    .option('--format <format>', 'json or csv (default: from the file name; json for -)')
    .option('--json', 'print the outcome as JSON')
    .action((file: string, options: FormatOption) =>
      withConnection({ ...options, attach: true }, async ({ client }) => {
        const format =
          file === '-' ? formatFor('-.json', options.format) : formatFor(file, options.format);
        const { text, boards } = await client.call('inventory.export', { format });
        if (file === '-') {
          process.stdout.write(text);
          return;
        }
        // The export holds uuids and notes people may not want shared: this user's only.
        await writePrivateFile(resolve(file), text);
        if (options.json) printJson({ file: resolve(file), format, boards });
        else
          process.stdout.write(
            `Wrote ${boards} board${boards === 1 ? '' : 's'} to ${file} (${format}).\n`,
          );
      }),
    );
  inventory
    .command('import')
    .description(
      'Add or update boards from FILE (an export, or a CSV with uuid and hostname columns); all rows or none',
    )
    .argument('<file>', 'a .json export or a .csv table')
    .option('--format <format>', 'json or csv (default: from the file name)')
    .option('--json', 'print the outcome as JSON')
    .action((file: string, options: FormatOption) =>
      // Not through a running server: its frames stop at 1 MB, and a bench's export can be
      // larger. SQLite lets this process and the server share the file.
      withConnection({ ...options, attach: false }, async ({ client }) => {
        const format = formatFor(file, options.format);
        const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new BenchtopError(
            error.code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT',
            `Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
          );
        });
        const outcome = await client.call('inventory.import', { format, text, source: file });
        if (options.json) printJson(outcome);
        else
          process.stdout.write(
            `Imported ${file}: ${outcome.added} added, ${outcome.updated} updated.\n`,
          );
      }),
    );
}
