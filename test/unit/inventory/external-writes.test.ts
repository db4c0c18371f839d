// SPDX-License-Identifier: Apache-2.0
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { watchExternalWrites } from '../../../src/main/inventory/external-writes.js';
import { openDatabase } from '../../../src/main/inventory/open-database.js';
import { tempFolder } from './temp-home.js';

const folder = tempFolder('external-writes');

describe('watchExternalWrites', () => {
  it('calls back when another connection commits, not for this one’s own writes', async () => {
    const path = join(folder.path, 'inventory.db');
    const mine = openDatabase(path);
    const other = openDatabase(path);
    const onWrite = vi.fn();
    const stop = watchExternalWrites(mine, onWrite, 20);
    try {
      mine.prepare("UPDATE boards SET notes = 'mine' WHERE id = -1").run();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(onWrite).not.toHaveBeenCalled();
      other
        .prepare("INSERT INTO boards (hostname, created_at, updated_at) VALUES ('x1', 'a', 'a')")
        .run();
      await vi.waitFor(() => expect(onWrite).toHaveBeenCalledTimes(1));
    } finally {
      stop();
      mine.close();
      other.close();
    }
  });
});
