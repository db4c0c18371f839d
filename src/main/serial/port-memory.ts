// SPDX-License-Identifier: Apache-2.0
// What Benchtop remembers per port (its console settings), in one small JSON file under
// BENCHTOP_HOME. Keyed by path; a USB adapter's serial number is the key too, so the settings
// follow the adapter to another socket.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ConsoleSettings } from '../../shared/contract/index.js';
import { benchtopHome } from '../settings/paths.js';

const Remembered = z.object({ settings: ConsoleSettings.partial() });
const MemoryFile = z.object({ ports: z.record(z.string(), Remembered) });
type MemoryFile = z.infer<typeof MemoryFile>;

export class PortMemory {
  private cache: MemoryFile | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string = join(benchtopHome(), 'serial-ports.json')) {}

  async settingsFor(keys: readonly string[]): Promise<Partial<ConsoleSettings>> {
    const memory = await this.load();
    for (const key of keys) {
      const found = memory.ports[key];
      if (found) return found.settings;
    }
    return {};
  }

  async remember(keys: readonly string[], settings: ConsoleSettings): Promise<void> {
    const memory = await this.load();
    for (const key of keys) memory.ports[key] = { settings };
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
