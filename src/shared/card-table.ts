// SPDX-License-Identifier: Apache-2.0
// Which card of a cards table goes onto which drive, and whether the table can be written at
// all. Pure and shared: the engine refuses (INVALID_CONFIG) exactly what the Flash pane shows
// as a problem before the button is pressed. The CSV reader (cards-csv.ts) already names a bad
// cell by line and column; these checks hold for a table from any client, named by line and slot.
import { hostOf } from './card-addresses.js';
import { hostnameProblem } from './cards-csv.js';
import type { CardEntry, FlashConfig } from './contract/flash.js';
import { addressProblem } from './network-config-rules.js';

/** How a message names a card: its line in the table, when known, and its slot. */
export const cardName = (card: CardEntry): string =>
  card.line !== undefined ? `line ${card.line} (slot ${card.slot})` : `slot ${card.slot}`;

/** A card's uuid is made for it, and its hostname has a column of its own. */
const OWN_KEYS = new Set(['uuid', 'hostname']);
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The first value of the table that cannot be written, or undefined. */
export function tableProblem(table: readonly CardEntry[]): string | undefined {
  const seen = new Map<string, CardEntry>();
  /** A value two cards share is refused at the second, naming the first. */
  const twice = (what: string, value: string, card: CardEntry): string | undefined => {
    const key = `${what}\u0000${value.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier)
      return `The ${what} ${value} on ${cardName(card)} is also on ${cardName(earlier)}.`;
    seen.set(key, card);
    return undefined;
  };
  for (const card of table) {
    const name = cardName(card);
    const host = hostnameProblem(card.hostname);
    if (host) return `The hostname "${card.hostname}" on ${name} ${host}.`;
    const address = card.address === undefined ? undefined : addressProblem(card.address);
    if (address) return `The address "${card.address}" on ${name} ${address}.`;
    const key = Object.keys(card.config).find((k) => OWN_KEYS.has(k) || !KEY.test(k));
    if (key !== undefined)
      return OWN_KEYS.has(key)
        ? `The config.${key} column on ${name} cannot be set: ${key === 'uuid' ? 'each card gets its own uuid' : 'use the hostname column'}.`
        : `"${key}" on ${name} is not a config.json key (letters, digits, _).`;
    const repeated =
      twice('slot', card.slot, card) ??
      twice('hostname', card.hostname, card) ??
      (card.address ? twice('address', hostOf(card.address), card) : undefined) ??
      (card.target ? twice('target', card.target, card) : undefined);
    if (repeated) return repeated;
  }
  return undefined;
}

/** What a flash config must leave to the table: each card's hostname and address. */
export function configProblemWithTable(
  config: Pick<FlashConfig, 'hostname' | 'staticIp'> | undefined,
): string | undefined {
  if (config?.hostname !== undefined)
    return 'The cards table names each card: leave the hostname option out.';
  if (config?.staticIp !== undefined)
    return "The cards table gives each card's static address (its ip column): leave the static address option out.";
  return undefined;
}

function countProblem(table: readonly CardEntry[], targets: readonly string[]): string {
  const counted = `The cards table has ${table.length} card${table.length === 1 ? '' : 's'} for ${targets.length} drive${targets.length === 1 ? '' : 's'}`;
  const spare = table[targets.length];
  if (spare)
    return `${counted}: the card on ${cardName(spare)} has no drive to go to. Choose one drive per card, or remove rows.`;
  return `${counted}: ${targets[table.length] ?? 'a drive'} would get no card. Choose one drive per card, or add rows.`;
}

/**
 * The table's card for each target, in target order: by the cards' target column when they
 * name drives, else in the table's order. Or the first reason the table does not fit.
 */
export function assignCards(
  table: readonly CardEntry[],
  targets: readonly string[],
): { cards: CardEntry[] } | { problem: string } {
  const problem = tableProblem(table);
  if (problem) return { problem };
  const unnamed = table.find((card) => card.target === undefined);
  if (unnamed === undefined) {
    const stray = table.find((card) => !targets.includes(card.target ?? ''));
    if (stray)
      return {
        problem: `The card on ${cardName(stray)} is for ${stray.target}, which is not among the drives to write (${targets.join(', ') || 'none chosen'}): choose it too, or correct the table's target column.`,
      };
    const byTarget = new Map(table.map((card) => [card.target, card]));
    const cards: CardEntry[] = [];
    for (const target of targets) {
      const card = byTarget.get(target);
      if (!card)
        return {
          problem: `No card of the table is for ${target}: give it a row, or leave that drive out.`,
        };
      cards.push(card);
    }
    return { cards };
  }
  if (table.some((card) => card.target !== undefined))
    return {
      problem: `The card on ${cardName(unnamed)} names no target while others do: give every card its target, or none (cards then go to the drives in order).`,
    };
  if (table.length !== targets.length) return { problem: countProblem(table, targets) };
  return { cards: [...table] };
}
