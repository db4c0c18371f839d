// SPDX-License-Identifier: Apache-2.0
// config.json text as a person gives it (a file or a template with {{uuid}}, {{index}},
// {{hostname}}): parsed and checked the same way by the CLI, before anything starts, and by
// the flash capability when it builds each card's config.
import { z } from 'zod';
import { BenchtopError } from './errors.js';

export const PLACEHOLDER = /\{\{\s*(uuid|index|hostname)\s*\}\}/g;
const ANY_PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** Far more than any config.json needs, far less than what overflows the stack. */
const MAX_DEPTH = 64;

export const isTemplate = (text: string): boolean => new RegExp(PLACEHOLDER.source).test(text);

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

export function fillTemplate(
  text: string,
  values: { uuid: string; index: number; hostname: string },
): string {
  return text.replace(PLACEHOLDER, (_match, key: 'uuid' | 'index' | 'hostname') =>
    String(values[key]),
  );
}

/** Values to fill a template with when only its syntax is checked. */
export const SAMPLE = { uuid: '0'.repeat(32), index: 1, hostname: 'h' };

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

export function parseConfig(text: string, where: string): Record<string, unknown> {
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

export function validateConfig(config: Record<string, unknown>, where: string): void {
  const checked = BalenaConfig.safeParse(config);
  if (!checked.success) {
    const issues = checked.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`)
      .join('; ');
    throw new BenchtopError('INVALID_CONFIG', `${where} fails the config.json schema: ${issues}.`);
  }
}

/** Parses config text as the CLI reads it from --config, for early, clear errors. */
export function checkConfigText(text: string, where: string): void {
  checkPlaceholders(text, where);
  if (isTemplate(text)) {
    parseConfig(fillTemplate(text, SAMPLE), where);
    return;
  }
  validateConfig(parseConfig(text, where), where);
}
