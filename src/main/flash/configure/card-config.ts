// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { FlashConfig } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/errors.js';
import { checkNetworkConfig, networkFiles, type BootFile } from './network-files.js';

/** What one card gets: its identity and the files for its boot partition. */
export interface CardConfig {
  index: number;
  uuid: string;
  hostname: string;
  files: BootFile[];
}

const PLACEHOLDER = /\{\{\s*(uuid|index|hostname)\s*\}\}/g;
const ANY_PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** Far more than any config.json needs, far less than what overflows the stack. */
const MAX_DEPTH = 64;

export const isTemplate = (text: string): boolean => new RegExp(PLACEHOLDER.source).test(text);

/** balenaOS's device uuid: 32 hex digits; its default hostname is the first 7. */
export const newUuid = (): string => randomBytes(16).toString('hex');

/** The fields balenaOS reads from config.json that we can check; others pass through. */
export const BalenaConfig = z
  .object({
    uuid: z.string().regex(/^[0-9a-f]{32}([0-9a-f]{30})?$/, 'must be 32 hex digits'),
    hostname: z
      .string()
      .regex(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/, 'letters, digits and inner dashes'),
    deviceType: z.string().min(1),
    developmentMode: z.boolean(),
    persistentLogging: z.boolean(),
    apiEndpoint: z.url(),
    localMode: z.boolean(),
  })
  .partial()
  .loose();

function fill(text: string, values: { uuid: string; index: number; hostname: string }): string {
  return text.replace(PLACEHOLDER, (_match, key: 'uuid' | 'index' | 'hostname') =>
    String(values[key]),
  );
}

/** Values to fill a template with when only its syntax is checked. */
const SAMPLE = { uuid: '0'.repeat(32), index: 1, hostname: 'h' };

/** A template variable Benchtop does not fill would reach the card as literal braces. */
export function checkPlaceholders(text: string, where: string): void {
  for (const [, name] of text.matchAll(ANY_PLACEHOLDER)) {
    if (name === 'uuid' || name === 'index' || name === 'hostname') continue;
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${where} uses {{${name ?? ''}}}, which Benchtop does not fill: the template variables are {{uuid}}, {{index}} and {{hostname}}.`,
    );
  }
}

/** How deeply arrays and objects nest, counted without parsing (and without recursion). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ']') depth--;
  }
  return deepest;
}

function parseConfig(text: string, where: string): Record<string, unknown> {
  // Whatever parses is written back with JSON.stringify, which recurses: a deep enough
  // document overflows the stack.
  if (nestingDepth(text) > MAX_DEPTH)
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${where} nests objects or arrays more than ${MAX_DEPTH} levels deep; a config.json needs a few.`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${where} is not valid JSON: ${(error as Error).message}.`,
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BenchtopError('INVALID_CONFIG', `${where} must be a JSON object ({ … }).`);
  }
  return parsed as Record<string, unknown>;
}

function validate(config: Record<string, unknown>, where: string): void {
  const checked = BalenaConfig.safeParse(config);
  if (!checked.success) {
    const issues = checked.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`)
      .join('; ');
    throw new BenchtopError('INVALID_CONFIG', `${where} fails the config.json schema: ${issues}.`);
  }
}

/**
 * One config per card, in target order. A template (any {{uuid}}, {{index}}, {{hostname}})
 * gives every card its own identity; options override what the template or the image's own
 * config.json say. No apiEndpoint is added: an unmanaged board then runs in local mode.
 */
export function buildCardConfigs(
  options: FlashConfig,
  count: number,
  imageConfig: Record<string, unknown> = {},
): CardConfig[] {
  const cards: CardConfig[] = [];
  const uuids = new Set<string>();
  for (let index = 1; index <= count; index++) {
    let uuid = newUuid();
    while (uuids.has(uuid)) uuid = newUuid();
    uuids.add(uuid);
    let hostname = uuid.slice(0, 7);
    if (options.hostname) {
      checkPlaceholders(options.hostname, 'The hostname');
      const pattern =
        count > 1 && !isTemplate(options.hostname)
          ? `${options.hostname}-{{index}}`
          : options.hostname;
      hostname = fill(pattern, { uuid, index, hostname });
    }
    const where = count > 1 ? `The config for card ${index}` : 'The config';
    let config: Record<string, unknown> = { ...imageConfig };
    if (options.template !== undefined) {
      checkPlaceholders(options.template, where);
      config = parseConfig(fill(options.template, { uuid, index, hostname }), where);
      if (count > 1 && typeof config.uuid === 'string' && !isTemplate(options.template)) {
        throw new BenchtopError(
          'INVALID_CONFIG',
          `The config sets one uuid for ${count} cards; write "uuid": "{{uuid}}" to give each card its own.`,
        );
      }
      // A template's own uuid/hostname win over the generated ones.
      if (typeof config.uuid === 'string') uuid = config.uuid;
      if (typeof config.hostname === 'string' && !options.hostname) hostname = config.hostname;
    }
    config.uuid = uuid;
    config.hostname = hostname;
    if (options.deviceType !== undefined) config.deviceType = options.deviceType;
    if (options.developmentMode !== undefined) config.developmentMode = options.developmentMode;
    if (options.persistentLogging !== undefined)
      config.persistentLogging = options.persistentLogging;
    for (const [key, value] of Object.entries(options.variables ?? {})) config[key] = value;
    validate(config, where);
    cards.push({
      index,
      uuid,
      hostname,
      files: [
        { path: 'config.json', content: `${JSON.stringify(config, null, 2)}\n` },
        ...networkFiles(options),
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

/** Parses config text as the CLI reads it from --config, for early, clear errors. */
export function checkConfigText(text: string, where: string): void {
  checkPlaceholders(text, where);
  if (isTemplate(text)) {
    parseConfig(fill(text, SAMPLE), where);
    return;
  }
  validate(parseConfig(text, where), where);
}
