// SPDX-License-Identifier: Apache-2.0
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  expandTemplate,
  templateValues,
} from '../../../src/main/push/project/dockerfile-template.js';
import { resolveDockerfile } from '../../../src/main/push/project/resolve-dockerfile.js';

const pi4 = { arch: 'aarch64', deviceType: 'raspberrypi4-64' };
const folders: string[] = [];

async function contextWith(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'benchtop-dockerfile-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
  return folder;
}

afterEach(async () => {
  await Promise.all(
    folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })),
  );
});

describe('Dockerfile templates', () => {
  const values = templateValues(pi4, 'frontend');

  it('fills every balena variable and the two old resin aliases', () => {
    const text = [
      'FROM base-%%BALENA_MACHINE_NAME%%-%%BALENA_ARCH%%',
      'LABEL s=%%BALENA_SERVICE_NAME%% a=%%BALENA_APP_NAME%% r=%%BALENA_RELEASE_HASH%%',
      'ENV OLD=%%RESIN_MACHINE_NAME%%/%%RESIN_ARCH%%',
    ].join('\n');
    expect(expandTemplate(text, values, 'Dockerfile.template').split('\n')).toEqual([
      'FROM base-raspberrypi4-64-aarch64',
      'LABEL s=frontend a=localapp r=10ca12e1ea5e',
      'ENV OLD=raspberrypi4-64/aarch64',
    ]);
  });

  it('leaves lines starting with # as written, even with unknown variables', () => {
    const text = '# for %%RESIN_MACHINE_NAME%% and %%WHATEVER%%\nRUN echo %%BALENA_ARCH%%';
    expect(expandTemplate(text, values, 'x')).toBe(
      '# for %%RESIN_MACHINE_NAME%% and %%WHATEVER%%\nRUN echo aarch64',
    );
  });

  it('names an unknown variable, the file and the line', () => {
    const text = 'FROM x\n\nRUN echo %%BALENA_DEVICE_MODEL%%';
    expect(() => expandTemplate(text, values, 'app/Dockerfile.template')).toThrow(
      /app\/Dockerfile\.template:3: unknown template variable %%BALENA_DEVICE_MODEL%%/,
    );
  });
});

describe('choosing the Dockerfile', () => {
  const resolve = (context: string, explicit?: string) =>
    resolveDockerfile({
      context,
      serviceName: 'app',
      target: pi4,
      where: 'docker-compose.yml:3:5',
      ...(explicit === undefined ? {} : { explicit }),
    });
  const all = {
    'Dockerfile.raspberrypi4-64': 'FROM device-%%BALENA_MACHINE_NAME%%',
    'Dockerfile.aarch64': 'FROM arch-%%BALENA_ARCH%%',
    'Dockerfile.template': 'FROM template-%%BALENA_SERVICE_NAME%%',
    Dockerfile: 'FROM plain-%%KEPT%%',
  };

  it('prefers the device type, then the arch, then the template, then the plain file', async () => {
    const order: string[] = [];
    const files: Record<string, string> = { ...all };
    for (const name of Object.keys(all)) {
      const chosen = await resolve(await contextWith(files));
      order.push(`${chosen.dockerfile} -> ${chosen.text} (${String(chosen.fromTemplate)})`);
      delete files[name];
    }
    expect(order).toEqual([
      'Dockerfile.raspberrypi4-64 -> FROM device-raspberrypi4-64 (true)',
      'Dockerfile.aarch64 -> FROM arch-aarch64 (true)',
      'Dockerfile.template -> FROM template-app (true)',
      'Dockerfile -> FROM plain-%%KEPT%% (false)',
    ]);
  });

  it("ignores another board's Dockerfile", async () => {
    const chosen = await resolve(
      await contextWith({ 'Dockerfile.armv7hf': 'FROM arm', Dockerfile: 'FROM plain' }),
    );
    expect(chosen.dockerfile).toBe('Dockerfile');
  });

  it('uses build.dockerfile as given, expanding it when it is a template', async () => {
    const folder = await contextWith({
      'Custom.template': 'FROM %%BALENA_ARCH%%',
      Custom: 'FROM %%X%%',
    });
    expect(await resolve(folder, 'Custom.template')).toEqual({
      dockerfile: 'Custom.template',
      text: 'FROM aarch64',
      fromTemplate: true,
    });
    expect((await resolve(folder, './Custom')).text).toBe('FROM %%X%%');
  });

  it('says where it looked when there is no Dockerfile', async () => {
    const folder = await contextWith({ 'README.md': 'no Dockerfile here' });
    await expect(resolve(folder)).rejects.toThrow(
      /docker-compose\.yml:3:5: service "app" has no Dockerfile in .* \(looked for Dockerfile\.raspberrypi4-64, Dockerfile\.aarch64, Dockerfile\.template, Dockerfile\)/,
    );
    await expect(resolve(folder, 'Nope')).rejects.toThrow(
      /the Dockerfile of service "app" cannot be read/,
    );
  });
});
