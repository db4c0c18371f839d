// SPDX-License-Identifier: Apache-2.0
// tsc copies a vendored file that is imported as JSON (the compose-spec schema) into dist, but
// not the LICENSE and NOTICE that must travel with it. Every folder of src/ that holds such
// files gets them copied beside its build output.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const LICENCE_FILE = /^(LICEN[CS]E|NOTICE|COPYING)(\..+)?$/i;

function* foldersWithLicences(folder) {
  const entries = readdirSync(folder, { withFileTypes: true });
  const licences = entries.filter((entry) => entry.isFile() && LICENCE_FILE.test(entry.name));
  if (licences.length > 0) yield { folder, names: licences.map((entry) => entry.name) };
  for (const entry of entries)
    if (entry.isDirectory()) yield* foldersWithLicences(join(folder, entry.name));
}

for (const { folder, names } of foldersWithLicences('src')) {
  const target = join('dist', relative('src', folder));
  // A folder tsc emitted nothing for ships nothing, so it needs no licence there.
  if (!existsSync(target)) continue;
  for (const name of names) copyFileSync(join(folder, name), join(target, name));
}
