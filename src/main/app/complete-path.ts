// SPDX-License-Identifier: Apache-2.0
// Completing a folder path typed in a face that may run on another machine than the engine (a
// browser on `benchtop serve`): the engine lists its own disk, with its own user's rights.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import type { PathEntry } from '../../shared/contract/index.js';
import { BenchtopError } from '../../shared/errors.js';

/** A completion list is read by a person: past this, typing more of the name is quicker. */
export const MAX_ENTRIES = 200;

export interface Completion {
  folder: string;
  entries: PathEntry[];
  truncated: boolean;
}

const order = new Intl.Collator('en', { numeric: true });
const endsWithSeparator = (path: string): boolean => path.endsWith('/') || path.endsWith(sep);

/** `~` and `~/x` are the engine user's home, as a shell would read them. */
function expandHome(path: string, home: string): string {
  if (path === '~') return `${home}${sep}`;
  if (path.startsWith('~/') || path.startsWith(`~${sep}`)) return join(home, path.slice(2));
  return path;
}

/** Where the typed path stops being a folder: the folder to list and the start of a name. */
export function splitTyped(typed: string, home = homedir()): { folder: string; prefix: string } {
  const path = expandHome(typed, home);
  if (!isAbsolute(path)) {
    throw new BenchtopError(
      'INVALID_INPUT',
      `"${typed}" is not an absolute path: start it with / (or ~ for the home folder of the user running Benchtop's engine).`,
    );
  }
  if (endsWithSeparator(path)) return { folder: path, prefix: '' };
  // "/work/a/" keeps its trailing separator above; "/work/a" completes names in /work starting "a".
  return { folder: dirname(path), prefix: basename(path) };
}

function listError(error: unknown, folder: string): BenchtopError {
  const code = (error as NodeJS.ErrnoException).code;
  const who = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
  if (code === 'ENOENT') {
    return new BenchtopError('NOT_FOUND', `There is no folder ${folder} on the engine's machine.`);
  }
  if (code === 'ENOTDIR') {
    return new BenchtopError('NOT_FOUND', `${folder} is a file, not a folder.`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new BenchtopError(
      'PERMISSION_DENIED',
      `The user running Benchtop's engine${who} may not list ${folder}.`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BenchtopError('INTERNAL', `Could not list ${folder}: ${message}`);
}

/** A link counts as a folder when it leads to one the engine can reach. */
async function isDir(entry: Dirent, path: string): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Folders first, then files, each in numeric-aware name order; hidden ones only when asked for. */
export async function completePath(typed: string, home = homedir()): Promise<Completion> {
  const { folder, prefix } = splitTyped(typed, home);
  const listed = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    throw listError(error, folder);
  });
  const showHidden = prefix.startsWith('.');
  const matching = listed.filter(
    (entry) => entry.name.startsWith(prefix) && (showHidden || !entry.name.startsWith('.')),
  );
  const entries = await Promise.all(
    matching.map(async (entry) => {
      const path = join(folder, entry.name);
      return { name: entry.name, path, dir: await isDir(entry, path) };
    }),
  );
  entries.sort((a, b) => Number(b.dir) - Number(a.dir) || order.compare(a.name, b.name));
  return {
    folder,
    entries: entries.slice(0, MAX_ENTRIES),
    truncated: entries.length > MAX_ENTRIES,
  };
}
