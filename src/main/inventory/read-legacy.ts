// SPDX-License-Identifier: Apache-2.0
// What Benchtop kept before the inventory, read as it is on disk: devices.json (boards added
// by hand), serial-ports.json (ports tied to boards) and the run manifests under manifests/.
// The files stay where they are (their services still read them); a file that cannot be read
// is reported, never deleted.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ManifestCard } from '../../shared/contract/index.js';

const Devices = z.object({
  manual: z.array(z.object({ address: z.string().min(1), addedAt: z.string() })).default([]),
});
const Ports = z.object({
  ports: z.record(z.string(), z.object({ board: z.string().optional() }).passthrough()),
});
const Manifest = z.object({ cards: z.array(ManifestCard) });

export interface Legacy {
  manual: { address: string; addedAt: string }[];
  /** A port key (`usb:SERIAL` or a path) and the board name it is tied to. */
  ties: { key: string; board: string }[];
  manifests: { path: string; cards: ManifestCard[] }[];
  /** Files that exist but could not be read, and why. */
  problems: string[];
}

async function readJson<T>(
  path: string,
  schema: z.ZodType<T>,
  problems: string[],
): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      problems.push(`${path}: ${(error as Error).message}`);
    return undefined;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    problems.push(`${path}: not in the expected shape`);
  } catch {
    problems.push(`${path}: not JSON`);
  }
  return undefined;
}

export async function readLegacy(home: string): Promise<Legacy> {
  const problems: string[] = [];
  const devices = await readJson(join(home, 'devices.json'), Devices, problems);
  const ports = await readJson(join(home, 'serial-ports.json'), Ports, problems);
  const folder = join(home, 'manifests');
  const names = await readdir(folder).catch(() => [] as string[]);
  const manifests: Legacy['manifests'] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const path = join(folder, name);
    const manifest = await readJson(path, Manifest, problems);
    if (manifest) manifests.push({ path, cards: manifest.cards });
  }
  return {
    manual: devices?.manual ?? [],
    ties: Object.entries(ports?.ports ?? {}).flatMap(([key, entry]) =>
      entry.board === undefined ? [] : [{ key, board: entry.board }],
    ),
    manifests,
    problems,
  };
}
