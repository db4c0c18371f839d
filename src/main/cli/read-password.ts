// SPDX-License-Identifier: Apache-2.0
// A console password comes from a file (`--password-file`), never the command line, where
// `ps` and the shell's history would show it.
import { readFile } from 'node:fs/promises';
import { BenchtopError } from '../../shared/errors.js';

export async function readPassword(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BenchtopError(
      error.code === 'EACCES' ? 'PERMISSION_DENIED' : 'NOT_FOUND',
      `Cannot read the password file ${file}.`,
      error.message,
    );
  });
  // One line, as `echo secret > file` writes it.
  return text.replace(/\r?\n$/, '');
}
