// SPDX-License-Identifier: Apache-2.0
// What each card of the next run will be called and where it will answer, shown before
// flashing: the same counting as the engine's (shared/card-addresses.ts).
import { cardAddresses } from '../../../shared/card-addresses.js';
import { assignCards, configProblemWithTable } from '../../../shared/card-table.js';
import type { CardEntry } from '../../../shared/contract/index.js';
import { addressProblem } from '../../../shared/network-config-rules.js';
import { toFlashConfig, type ConfigFormState } from './config-form.js';

export interface PlannedCard {
  target: string;
  /** Undefined while the engine decides (after the last card of the manifest appended to). */
  index: number | undefined;
  /** Undefined when the name comes from the card's uuid, known only when it is written. */
  hostname: string | undefined;
  address: string | undefined;
  /** From a cards table: where the card goes, and its labels. */
  slot?: string;
  labels?: string[];
}

const INDEX = /\{\{\s*index\s*\}\}/;
const EVERY_INDEX = new RegExp(INDEX.source, 'g');

/** The first card's number as typed: blank means "the engine decides" (1, or continue). */
export function startIndexOf(text: string): number | undefined | 'invalid' {
  if (text.trim() === '') return undefined;
  return /^[1-9]\d{0,5}$/.test(text.trim()) ? Number(text.trim()) : 'invalid';
}

/** With a cards table, each card is its row: the same assignment the engine makes. */
function planFromTable(
  form: ConfigFormState,
  targets: string[],
  firstIndex: number | undefined,
  table: readonly CardEntry[],
): { cards: PlannedCard[]; problem?: string } {
  const indexOf = (at: number) => (firstIndex === undefined ? undefined : firstIndex + at);
  const conflict = configProblemWithTable(toFlashConfig(form));
  const assigned = conflict === undefined ? assignCards(table, targets) : { problem: conflict };
  if ('problem' in assigned)
    return {
      cards: targets.map((target, at) => ({
        target,
        index: indexOf(at),
        hostname: undefined,
        address: undefined,
      })),
      problem: assigned.problem,
    };
  return {
    cards: assigned.cards.map((card, at) => ({
      target: targets[at] ?? '',
      index: indexOf(at),
      hostname: card.hostname,
      address: card.address,
      slot: card.slot,
      labels: card.labels,
    })),
  };
}

export function planCards(
  form: ConfigFormState,
  targets: string[],
  firstIndex: number | undefined,
  table?: readonly CardEntry[],
): { cards: PlannedCard[]; problem?: string } {
  if (table) return planFromTable(form, targets, firstIndex, table);
  let addresses: (string | undefined)[] = targets.map(() => undefined);
  let problem: string | undefined;
  if (form.enabled && form.staticIp !== '' && addressProblem(form.staticIp) === undefined) {
    const planned = cardAddresses(form.staticIp, targets.length, form.gateway || undefined);
    if ('problem' in planned) problem = `Static addresses: ${planned.problem}.`;
    else addresses = planned.addresses;
  }
  const numbered = targets.length > 1 || firstIndex === undefined || firstIndex > 1;
  const cards = targets.map((target, at) => {
    const index = firstIndex === undefined ? undefined : firstIndex + at;
    let hostname: string | undefined;
    if (form.enabled && form.hostname !== '' && !form.hostname.includes('{{uuid}}')) {
      const pattern =
        numbered && !INDEX.test(form.hostname) ? `${form.hostname}-{{index}}` : form.hostname;
      // While the engine picks the number, the pattern itself says how the card is named.
      hostname = index === undefined ? pattern : pattern.replace(EVERY_INDEX, String(index));
    }
    return { target, index, hostname, address: addresses[at] };
  });
  return problem === undefined ? { cards } : { cards, problem };
}

/** Whether the chosen cards are the ones the last run just wrote (in any order). */
export function sameCards(a: string[], b: string[] | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((device) => set.has(device));
}
