// SPDX-License-Identifier: Apache-2.0
// How the writer process is started, as a pure function of where Benchtop runs, so every case
// is tested here (Electron itself cannot run on the CI machines). Two traps in a packaged app:
// process.execPath is the Electron binary, which runs a script as plain Node only with
// ELECTRON_RUN_AS_NODE=1, and pkexec and sudo drop the environment, so the variable is set by
// `env` after them; and the script inside app.asar must be its unpacked copy (electron-builder
// asarUnpack), since a process started by the OS cannot read into the archive.
import { sep } from 'node:path';

export interface WriterHost {
  /** process.execPath: node, or the Electron binary in the desktop app. */
  execPath: string;
  /** The bundled writer (dist/writer/writer.mjs), as this process sees it (maybe inside app.asar). */
  script: string;
  /** process.versions.electron is set. */
  electron: boolean;
  uid: number | undefined;
  /** A desktop session that can show pkexec's prompt. */
  display: boolean;
  /** The pkexec binary, if installed. */
  pkexec: string | undefined;
}

export interface WriterLaunch {
  file: string;
  args: string[];
  /** Added to the environment (only where nothing between us and the writer drops it). */
  env: Record<string, string>;
}

const ASAR = `${sep}app.asar${sep}`;

/** The real file of a script packed in app.asar: its copy in app.asar.unpacked. */
export function unpackedPath(script: string): string {
  return script.replace(ASAR, `${sep}app.asar.unpacked${sep}`);
}

/**
 * Root runs the writer directly; others go through pkexec (a desktop prompt) when a display is
 * there, else sudo -n (no prompt on a pipe: it fails with a clear message instead).
 */
export function writerLaunch(host: WriterHost): WriterLaunch {
  const script = unpackedPath(host.script);
  if (host.uid === 0)
    return {
      file: host.execPath,
      args: [script],
      env: host.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {},
    };
  const program = host.electron
    ? ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', host.execPath, script]
    : [host.execPath, script];
  if (host.display && host.pkexec) return { file: host.pkexec, args: program, env: {} };
  return { file: 'sudo', args: ['-n', ...program], env: {} };
}
