// SPDX-License-Identifier: Apache-2.0
// SQLite's failures in the words of the bench. Each says which file, and none of them lead to
// the file being replaced: a person decides what happens to a damaged inventory.
import { BenchtopError } from '../../shared/errors.js';
import { hints } from '../../shared/error-hints.js';

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';

export function databaseError(error: unknown, path: string): unknown {
  if (error instanceof BenchtopError) return error;
  const code = codeOf(error);
  const said = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return withDetail(
      BenchtopError.withHint(
        'BUSY',
        `The inventory ${path} is locked by another program.`,
        hints.inventoryLocked,
      ),
      said,
    );
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return damaged(path, said);
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_PERM')
  ) {
    return new BenchtopError('PERMISSION_DENIED', `Cannot write the inventory ${path}.`, said);
  }
  return error;
}

export function damaged(path: string, detail: string): BenchtopError {
  return withDetail(
    BenchtopError.withHint(
      'CORRUPT_SOURCE',
      `The inventory ${path} is damaged; it was left as it is.`,
      hints.inventoryDamaged,
    ),
    detail,
  );
}

export function newerThanThis(path: string, found: number, known: number): BenchtopError {
  return BenchtopError.withHint(
    'UNSUPPORTED',
    `The inventory ${path} was written by a newer Benchtop (schema ${found}; this one knows up to ${known}).`,
    hints.inventoryNewer,
  );
}

function withDetail(error: BenchtopError, detail: string): BenchtopError {
  return new BenchtopError(error.code, error.message, detail, error.hint);
}
