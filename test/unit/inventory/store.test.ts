// SPDX-License-Identifier: Apache-2.0
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { InventoryStore } from '../../../src/main/inventory/inventory-store.js';
import { migrations } from '../../../src/main/inventory/migrations.js';
import { openDatabase } from '../../../src/main/inventory/open-database.js';
import { recordFlash, recordPush } from '../../../src/main/inventory/records.js';
import { tempFolder } from './temp-home.js';

const folder = tempFolder('inventory');
const dbPath = () => join(folder.path, 'inventory.db');

const flash = (uuid: string, hostname: string, at: string) => ({
  uuid,
  hostname,
  deviceType: 'raspberrypi4-64',
  image: '/images/balena.img',
  imageChecksum: 'sha256:ab',
  at,
  target: '/dev/sdb',
});

describe('the inventory database', () => {
  it('creates the schema at the latest version, and opening again changes nothing', () => {
    const db = openDatabase(dbPath());
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    db.close();
    const again = openDatabase(dbPath());
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    again.close();
  });

  it('applies a later step in a transaction: a failing step leaves the previous version', () => {
    openDatabase(dbPath()).close();
    const broken = [
      ...migrations,
      { version: 2, sql: 'CREATE TABLE x (a); INSERT INTO nope VALUES (1);' },
    ];
    expect(() => openDatabase(dbPath(), { steps: broken })).toThrow(/nope/);
    const db = new Database(dbPath());
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'x'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer Benchtop, and leaves it as it was', () => {
    const db = new Database(dbPath());
    db.pragma('user_version = 99');
    db.close();
    const before = readFileSync(dbPath());
    expect(() => openDatabase(dbPath())).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED',
        message: expect.stringMatching(/newer Benchtop \(schema 99/) as string,
      }),
    );
    expect(readFileSync(dbPath()).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database with a hint, and never overwrites it', () => {
    writeFileSync(dbPath(), 'this is not SQLite, it is a shopping list\n'.repeat(200));
    const before = readFileSync(dbPath());
    expect(() => openDatabase(dbPath())).toThrow(
      expect.objectContaining({
        code: 'CORRUPT_SOURCE',
        message: expect.stringMatching(/inventory .* is damaged; it was left as it is/) as string,
        hint: expect.objectContaining({ cli: expect.stringMatching(/backup/) as string }) as object,
      }),
    );
    expect(readFileSync(dbPath()).equals(before)).toBe(true);
  });

  it('says the file is locked when another writer holds it, and names the file', () => {
    openDatabase(dbPath()).close();
    const other = new Database(dbPath());
    other.exec('BEGIN EXCLUSIVE');
    expect(() => openDatabase(dbPath(), { busyTimeoutMs: 50 })).toThrow(
      expect.objectContaining({
        code: 'BUSY',
        message: expect.stringContaining(dbPath()) as string,
      }),
    );
    other.exec('ROLLBACK');
    other.close();
  });
});

describe('the inventory store', () => {
  it('makes one board per uuid from flashes, keeps every flash, and finds it by any name', () => {
    const store = new InventoryStore(openDatabase(dbPath()));
    const uuid = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    recordFlash(store, flash(uuid, 'slot01', '2026-11-01T10:00:00.000Z'));
    recordFlash(store, {
      ...flash(uuid, 'slot01b', '2026-11-02T10:00:00.000Z'),
      image: '/images/v2.img',
    });
    recordFlash(store, {
      ...flash('ffff', 'bad', '2026-11-02T10:00:00.000Z'),
      error: 'verify failed',
    });
    const boards = store.list();
    expect(boards).toHaveLength(1);
    expect(boards[0]).toMatchObject({ uuid, hostname: 'slot01b', deviceType: 'raspberrypi4-64' });
    expect(boards[0]?.lastFlash).toMatchObject({ image: '/images/v2.img', target: '/dev/sdb' });
    for (const name of ['slot01b', 'SLOT01B.local', uuid, 'a1b2c3d', `#${boards[0]?.id}`])
      expect(store.find(name).uuid).toBe(uuid);
    expect(() => store.find('nobody')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(store.history('slot01b', 10).map((e) => e.kind)).toEqual([
      'flashed',
      'flashed',
      'created',
    ]);
    store.db.close();
  });

  it('labels, locates and forgets a board, each with its history event; forgetting keeps the flashes', () => {
    const store = new InventoryStore(openDatabase(dbPath()));
    recordFlash(store, flash('u1', 'one', '2026-11-01T10:00:00.000Z'));
    expect(store.label('one', ['arm', 'rack=2'], []).labels).toEqual(['arm', 'rack=2']);
    expect(store.label('one', ['rack=3'], ['arm']).labels).toEqual(['rack=3']);
    const placed = store.locate('one', { crate: 'A', slot: '12', notes: 'fan is loud' });
    expect(placed).toMatchObject({ location: { crate: 'A', slot: '12' }, notes: 'fan is loud' });
    expect(store.locate('one', { slot: '' }).location).toEqual({ crate: 'A', slot: null });
    const kinds = store.history('one', 10).map((e) => e.kind);
    expect(kinds).toEqual(['located', 'located', 'labelled', 'labelled', 'flashed', 'created']);
    expect(store.history('one', 1)[0]?.who).toBeTruthy();
    recordPush(store, {
      boardId: placed.id,
      project: 'web',
      release: 'r1',
      services: ['httpd'],
      at: '2026-11-03T00:00:00.000Z',
    });
    expect(store.find('one').lastPush).toEqual({
      project: 'web',
      release: 'r1',
      services: ['httpd'],
      at: '2026-11-03T00:00:00.000Z',
    });
    store.forget('one');
    expect(store.list()).toEqual([]);
    expect(store.db.prepare('SELECT count(*) AS n FROM flashes').get()).toEqual({ n: 1 });
    expect(
      store.db.prepare("SELECT count(*) AS n FROM events WHERE kind = 'forgotten'").get(),
    ).toEqual({ n: 1 });
    store.db.close();
  });

  it('refuses a name that means two boards, listing them', () => {
    const store = new InventoryStore(openDatabase(dbPath()));
    recordFlash(store, flash('u1', 'twin', '2026-11-01T10:00:00.000Z'));
    recordFlash(store, flash('u2', 'twin', '2026-11-01T10:00:01.000Z'));
    expect(() => store.find('twin')).toThrow(/"twin" names 2 boards: #1 twin u1; #2 twin u2/);
    store.db.close();
  });
});
