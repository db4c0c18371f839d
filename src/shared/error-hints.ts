// SPDX-License-Identifier: Apache-2.0
// Hints for errors whose code's own hint (errors.ts) would point at another job: a serial
// console that went away shares TARGET_LOST with a drive pulled out mid-write. Per face: the
// command line's flags and commands, the window's controls.
import type { Hint } from './error-core.js';

const same = (text: string): Hint => ({ cli: text, ui: text });

export const hints = {
  consoleGone: {
    cli: 'Check the serial cable and that the board is powered: the console reconnects by itself when the port comes back. `benchtop ports` lists the ports there are.',
    ui: 'Check the serial cable and that the board is powered: the console reconnects by itself when the port comes back.',
  },
  consoleClosed: {
    cli: 'Open it again: `benchtop console PORT`.',
    ui: 'Open it again from the port list.',
  },
  loginRefused: {
    cli: 'Check the user (`--user`) and the password in the `--password-file`.',
    ui: "Check the user and the password; the board's own console shows what login said.",
  },
  passwordNeeded: {
    cli: 'Give the password in a file with `--password-file` (its first line is read).',
    ui: 'Give the password for this user, then run the command again.',
  },
  manifestExists: {
    cli: 'Pass `--append` to add this run to it, `--overwrite` to replace it, or name another `--manifest` file.',
    ui: 'Choose “add these cards to it” or “replace it” under “If the manifest exists”, or name another file.',
  },
  noInterface: {
    cli: 'Name one of them with `--interface` (a `*` matches any characters, e.g. "btv*"), or leave it out to browse on every one.',
    ui: 'Name one of them in the interfaces field (a * matches any characters), or leave it empty to browse on every one.',
  },
  noTarget: {
    cli: 'Name each drive to write with `-t`, e.g. `-t /dev/sdb -t /dev/sdc`; `benchtop drives` lists them.',
    ui: 'Tick at least one drive under “2. Targets”.',
  },
  noSuchBoard: {
    cli: 'List the inventory with `benchtop boards` (`--filter` narrows it).',
    ui: 'Pick the board from the inventory list.',
  },
  inventoryLocked: same(
    'Another Benchtop (or an SQLite tool) is writing the inventory: wait for it to finish, or close it, then try again.',
  ),
  inventoryNewer: same(
    'Use the newer Benchtop that wrote it; nothing was changed. To start over with this version, move inventory.db aside.',
  ),
  inventoryDamaged: same(
    'Nothing was changed. Restore inventory.db from a backup, or move it aside (Benchtop then starts a new one and imports devices.json, port ties and manifests again).',
  ),
  badCardsTable: {
    cli: 'Correct that cell of the table (line and column as a spreadsheet counts them, 1 is A), then run the flash again; nothing was written.',
    ui: 'Correct that cell of the table (line and column as a spreadsheet counts them, 1 is A), then load it again; nothing was written.',
  },
  someBoardsFailed: {
    cli: "Each board's line says why; run it again on the ones that failed (`--board NAME` for each).",
    ui: "Each board's row says why; select the ones that failed and run the action again.",
  },
} satisfies Record<string, Hint>;
