// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import type { CardEntry, FlashConfig } from '../../../shared/contract/index.js';
import { assignCards, cardName, configProblemWithTable } from '../../../shared/card-table.js';
import {
  checkPlaceholders,
  fillTemplate as fill,
  isTemplate,
  parseConfig,
  SAMPLE,
  validateConfig as validate,
} from '../../../shared/config-text.js';
import { BenchtopError } from '../../../shared/errors.js';
import { cardAddresses } from '../../../shared/card-addresses.js';
import { checkNetworkConfig, networkFiles, type BootFile } from './network-files.js';

/** What one card gets: its identity and the files for its boot partition. */
export interface CardConfig {
  index: number;
  uuid: string;
  hostname: string;
  /** Its static address (CIDR), when the config gives one. */
  address: string | undefined;
  /** Where it sits and its labels, when it came from a cards table. */
  slot?: string;
  labels?: string[];
  files: BootFile[];
}

/** balenaOS's device uuid: 32 hex digits; its default hostname is the first 7. */
export const newUuid = (): string => randomBytes(16).toString('hex');

/** Each card's static address, counting up from the config's, or undefined without one. */
function addressesFor(
  options: FlashConfig,
  count: number,
  table: readonly CardEntry[] | undefined,
): (string | undefined)[] {
  if (table) return table.map((card) => card.address);
  const ip = options.staticIp;
  if (!ip) return Array.from({ length: count }, () => undefined);
  const planned = cardAddresses(ip.address, count, ip.gateway);
  if ('problem' in planned)
    throw new BenchtopError(
      'INVALID_CONFIG',
      `The static address (staticIp.address): ${planned.problem}.`,
    );
  return planned.addresses;
}

/**
 * A template's config for one card. {{hostname}} means the card's hostname: the option's, else
 * the one the template itself sets (filled once to learn it), else the uuid's first 7 digits.
 */
function fromTemplate(
  template: string,
  values: { uuid: string; index: number; hostname: string },
  ownHostname: boolean,
  where: string,
): Record<string, unknown> {
  const config = parseConfig(fill(template, values), where);
  if (ownHostname || typeof config.hostname !== 'string' || config.hostname === values.hostname)
    return config;
  return parseConfig(fill(template, { ...values, hostname: config.hostname }), where);
}

/** A table's cells are text: a spreadsheet's true and false are config.json's booleans. */
const typed = (value: string): string | boolean =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * One config per card, in target order, numbered from `firstIndex`. A template (any {{uuid}},
 * {{index}}, {{hostname}}) gives every card its own identity; options override what the
 * template or the image's own config.json say, and a cards table's row (already in target
 * order: shared/card-table.ts) overrides the options for its card. No apiEndpoint is added: an
 * unmanaged board then runs in local mode.
 */
export function buildCardConfigs(
  options: FlashConfig,
  count: number,
  imageConfig: Record<string, unknown> = {},
  firstIndex = 1,
  table?: readonly CardEntry[],
): CardConfig[] {
  const cards: CardConfig[] = [];
  const uuids = new Set<string>();
  const addresses = addressesFor(options, count, table);
  // A plain hostname is numbered whenever it could repeat: several cards, or a later batch.
  const numbered = count > 1 || firstIndex > 1;
  for (let at = 0; at < count; at++) {
    const index = firstIndex + at;
    let uuid = newUuid();
    while (uuids.has(uuid)) uuid = newUuid();
    uuids.add(uuid);
    const row = table?.[at];
    let hostname = uuid.slice(0, 7);
    if (row) hostname = row.hostname;
    else if (options.hostname) {
      checkPlaceholders(options.hostname, 'The hostname');
      const pattern =
        numbered && !isTemplate(options.hostname)
          ? `${options.hostname}-{{index}}`
          : options.hostname;
      hostname = fill(pattern, { uuid, index, hostname });
    }
    const where = row
      ? `The config for the card on ${cardName(row)}`
      : count > 1
        ? `The config for card ${index}`
        : 'The config';
    const ownHostname = options.hostname !== undefined || row !== undefined;
    let config: Record<string, unknown> = { ...imageConfig };
    if (options.template !== undefined) {
      checkPlaceholders(options.template, where);
      config = fromTemplate(options.template, { uuid, index, hostname }, ownHostname, where);
      if (count > 1 && typeof config.uuid === 'string' && !isTemplate(options.template)) {
        throw new BenchtopError(
          'INVALID_CONFIG',
          `The config sets one uuid for ${count} cards; write "uuid": "{{uuid}}" to give each card its own.`,
        );
      }
      // A template's own uuid/hostname win over the generated ones.
      if (typeof config.uuid === 'string') uuid = config.uuid;
      if (typeof config.hostname === 'string' && !ownHostname) hostname = config.hostname;
    }
    config.uuid = uuid;
    config.hostname = hostname;
    if (options.deviceType !== undefined) config.deviceType = options.deviceType;
    if (options.developmentMode !== undefined) config.developmentMode = options.developmentMode;
    if (options.persistentLogging !== undefined)
      config.persistentLogging = options.persistentLogging;
    for (const [key, value] of Object.entries(options.variables ?? {})) config[key] = value;
    for (const [key, value] of Object.entries(row?.config ?? {})) config[key] = typed(value);
    validate(config, where);
    const address = addresses[at];
    const network =
      address !== undefined
        ? { ...options, staticIp: { dns: [], ...options.staticIp, address } }
        : options;
    cards.push({
      index,
      uuid,
      hostname,
      address,
      ...(row ? { slot: row.slot, labels: row.labels } : {}),
      files: [
        { path: 'config.json', content: `${JSON.stringify(config, null, 2)}\n` },
        ...networkFiles(network),
      ],
    });
  }
  return cards;
}
/**
 * Everything about a flash config that can be refused before a card (or a root process) is
 * touched: flash.start calls it first, so every face gets the same INVALID_CONFIG message.
 */
export function checkFlashConfig(config: FlashConfig): void {
  checkNetworkConfig(config);
  if (config.hostname !== undefined) checkPlaceholders(config.hostname, 'The hostname');
  // Syntax only: the schema is checked on each card's config, once options are merged in.
  if (config.template !== undefined) {
    checkPlaceholders(config.template, 'The config');
    parseConfig(fill(config.template, SAMPLE), 'The config');
  }
}

/** The table's cards in target order; refuses (INVALID_CONFIG) a table that does not fit. */
export function assignTable(
  cards: readonly CardEntry[],
  targets: readonly string[],
  config: FlashConfig | undefined,
): CardEntry[] {
  const conflict = configProblemWithTable(config);
  const assigned = conflict === undefined ? assignCards(cards, targets) : { problem: conflict };
  if ('problem' in assigned)
    throw new BenchtopError('INVALID_CONFIG', `${assigned.problem} Nothing was written.`);
  return assigned.cards;
}
