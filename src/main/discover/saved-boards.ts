// SPDX-License-Identifier: Apache-2.0
// devices.json in Benchtop's home: the hand-added boards and the browse setting.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { benchtopHome } from '../settings/paths.js';

const SavedDevices = z.object({
  manual: z
    .array(z.object({ address: z.string().min(1).max(253), addedAt: z.string() }))
    .default([]),
  browse: z
    .object({ enabled: z.boolean(), allow: z.array(z.string().max(64)).max(256) })
    .default({ enabled: false, allow: [] }),
});
export type SavedDevices = z.infer<typeof SavedDevices>;

export const savedDevicesPath = (): string => join(benchtopHome(), 'devices.json');

export async function loadSavedDevices(): Promise<SavedDevices> {
  const path = savedDevicesPath();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return SavedDevices.parse({});
  }
  let parsed: ReturnType<typeof SavedDevices.safeParse>;
  try {
    parsed = SavedDevices.safeParse(JSON.parse(text));
  } catch {
    parsed = SavedDevices.safeParse(undefined);
  }
  if (parsed.success) return parsed.data;
  // A damaged file is kept aside for the person to look at, never silently overwritten.
  await rename(path, `${path}.damaged`).catch(() => undefined);
  return SavedDevices.parse({});
}

export async function saveDevices(devices: SavedDevices): Promise<void> {
  const path = savedDevicesPath();
  await mkdir(benchtopHome(), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(devices, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, path);
}
