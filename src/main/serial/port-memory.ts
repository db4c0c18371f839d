// SPDX-License-Identifier: Apache-2.0
// What Benchtop remembers per port: its console settings and the board it is tied to, in one
// small JSON file under BENCHTOP_HOME. Keyed by path; a USB adapter's serial number is the key
// too, so both follow the adapter to another socket.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ConsoleSettingsChange, type ConsoleSettings } from '../../shared/contract/index.js';
import { benchtopHome } from '../settings/paths.js';

const Remembered = z.object({
  settings: ConsoleSettingsChange.default({}),
  board: z.string().optional(),
});
const MemoryFile = z.object({ ports: z.record(z.string(), Remembered) });
type MemoryFile = z.infer<typeof MemoryFile>;

export const usbKey = (serialNumber: string): string => `usb:${serialNumber}`;

export class PortMemory {
  private cache: MemoryFile | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string = join(benchtopHome(), 'serial-ports.json')) {}

  async settingsFor(keys: readonly string[]): Promise<Partial<ConsoleSettings>> {
    const memory = await this.load();
    for (const key of keys) {
      const found = memory.ports[key];
      if (found && Object.keys(found.settings).length > 0) return found.settings;
    }
    return {};
  }

  async remember(keys: readonly string[], settings: ConsoleSettings): Promise<void> {
    const memory = await this.load();
    for (const key of keys) memory.ports[key] = { ...memory.ports[key], settings };
    await this.save(memory);
  }

  /** Ties the port (by its first key) to a board, or unties it; a board has one port. */
  async tie(key: string, board: string | undefined): Promise<void> {
    const memory = await this.load();
    for (const entry of Object.values(memory.ports)) {
      if (board !== undefined && entry.board === board) delete entry.board;
    }
    const entry = memory.ports[key] ?? { settings: {} };
    if (board === undefined) delete entry.board;
    else entry.board = board;
    memory.ports[key] = entry;
    await this.save(memory);
  }

  async ties(): Promise<{ key: string; board: string }[]> {
    const memory = await this.load();
    return Object.entries(memory.ports).flatMap(([key, entry]) =>
      entry.board === undefined ? [] : [{ key, board: entry.board }],
    );
  }

  private async save(memory: MemoryFile): Promise<void> {
    const text = `${JSON.stringify(memory, null, 2)}\n`;
    // Writes are queued and atomic, so two quick changes never leave half a file.
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(`${this.file}.tmp`, text);
      await rename(`${this.file}.tmp`, this.file);
    });
    await this.writing;
  }

  private async load(): Promise<MemoryFile> {
    if (this.cache) return this.cache;
    const text = await readFile(this.file, 'utf8').catch(() => undefined);
    const parsed = text === undefined ? undefined : MemoryFile.safeParse(safeJson(text));
    this.cache = parsed?.success ? parsed.data : { ports: {} };
    return this.cache;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
