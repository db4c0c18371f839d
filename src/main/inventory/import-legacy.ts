// SPDX-License-Identifier: Apache-2.0
// The first start of the inventory takes in what Benchtop kept before it, once, in one
// transaction: manifests (each card a flash, each uuid a board), hand-added boards and port
// ties. A meta key marks it done, so a board forgotten later is not brought back.
import { isIpv4 } from '../../shared/network-config-rules.js';
import { boardsNamed } from '../../shared/inventory/board-name.js';
import { addEvent } from './history.js';
import type { InventoryStore } from './inventory-store.js';
import type { Legacy } from './read-legacy.js';
import { recordFlash } from './records.js';

export const LEGACY_KEY = 'legacy-imported';

export interface LegacyReport {
  flashes: number;
  boards: number;
  ties: number;
  /** What was not taken in, and why (a card without a uuid, a damaged file). */
  skipped: string[];
}

const keys = (store: InventoryStore) =>
  store.db
    .prepare<[], { id: number; uuid: string | null; hostname: string | null }>(
      'SELECT id, uuid, hostname FROM boards',
    )
    .all();

export function importLegacy(
  store: InventoryStore,
  legacy: Legacy,
  at = new Date().toISOString(),
): LegacyReport {
  const report: LegacyReport = { flashes: 0, boards: 0, ties: 0, skipped: [...legacy.problems] };
  store.db.transaction(() => {
    const before = keys(store).length;
    for (const manifest of legacy.manifests) {
      for (const card of manifest.cards) {
        if (card.uuid === '') {
          report.skipped.push(
            `${manifest.path}: the card written to ${card.target} has no uuid (flashed without a config)`,
          );
          continue;
        }
        recordFlash(store, {
          uuid: card.uuid.toLowerCase(),
          hostname: card.hostname,
          imageChecksum: card.imageChecksum,
          at: card.time,
          target: card.target,
          reader: card.serial === '' ? null : card.serial,
          address: card.address ?? null,
          error: card.error ?? null,
          source: manifest.path,
        });
        report.flashes++;
      }
    }
    for (const manual of legacy.manual) {
      if (boardsNamed(keys(store), manual.address).length > 0) continue;
      // An address typed by hand stands in for a hostname until the board is joined.
      const id = store.insert(
        {
          hostname: manual.address,
          notes: isIpv4(manual.address) ? `Added by hand at ${manual.address}.` : '',
        },
        manual.addedAt,
      );
      addEvent(store.db, id, 'imported', { from: 'devices.json', address: manual.address }, at);
    }
    for (const tie of legacy.ties) {
      const named = boardsNamed(keys(store), tie.board);
      if (named.length > 1) {
        report.skipped.push(
          `serial-ports.json: the port ${tie.key} is tied to "${tie.board}", which names ${named.length} boards`,
        );
        continue;
      }
      const id = named[0]?.id ?? store.insert({ hostname: tie.board }, at);
      const serialNumber = tie.key.startsWith('usb:') ? tie.key.slice(4) : null;
      const taken =
        serialNumber !== null &&
        store.db
          .prepare('SELECT id FROM boards WHERE port_serial = ? AND id != ?')
          .get(serialNumber, id);
      if (taken) {
        report.skipped.push(
          `serial-ports.json: the adapter ${serialNumber} is tied to two boards; kept on the first`,
        );
        continue;
      }
      store.update(
        id,
        { port: { serialNumber, path: serialNumber === null ? tie.key : null } },
        at,
      );
      addEvent(store.db, id, 'tied', { from: 'serial-ports.json', port: tie.key }, at);
      report.ties++;
    }
    report.boards = keys(store).length - before;
    store.setMeta(LEGACY_KEY, JSON.stringify({ at, ...report }));
  })();
  return report;
}

/** Runs the import if it never ran on this database. */
export function importLegacyOnce(
  store: InventoryStore,
  legacy: () => Promise<Legacy>,
): Promise<LegacyReport | undefined> {
  if (store.meta(LEGACY_KEY) !== undefined) return Promise.resolve(undefined);
  return legacy().then((read) =>
    store.meta(LEGACY_KEY) !== undefined ? undefined : importLegacy(store, read),
  );
}
