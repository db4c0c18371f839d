// SPDX-License-Identifier: Apache-2.0
// `npm start` on a machine without an Electron binary says why and serves the UI instead.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../support/serve-process.js';

const startScript = fileURLToPath(new URL('../../scripts/start.js', import.meta.url));

describe('npm start without Electron', () => {
  it('explains the missing binary and falls back to benchtop serve with a token URL', async () => {
    const child = spawn(process.execPath, [startScript, '--port', '0'], {
      env: { ...process.env, BENCHTOP_HOME: tempHome() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Open: ')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${stderr}`)));
    });
    const url = /Open: (\S+)/.exec(stdout)?.[1] ?? '';
    expect(stderr).toContain('no Electron binary');
    expect(stderr).not.toContain('Downloading');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(200);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
});
