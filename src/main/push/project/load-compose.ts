// SPDX-License-Identifier: Apache-2.0
// Finds and reads a project's compose file (and the dev overlay), interpolates it from the
// environment and `.env`, and validates it; every error names its file, line and column.
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BenchtopError } from '../../../shared/errors.js';
import { assertValidCompose } from './compose-schema.js';
import { isRecord, type Place } from './compose-values.js';
import { parseDotenv } from './dotenv.js';
import { InterpolationError, type Lookup } from './interpolate.js';
import { interpolateSource, readYamlSource, where, type YamlSource } from './yaml-source.js';

/** balena's order: the first that exists is the project's compose file. */
export const composeFileNames = ['docker-compose.yml', 'docker-compose.yaml'] as const;
/** Merged over the compose file for local pushes, as balena-cli does. */
export const devOverlayName = 'docker-compose.dev.yml';

export interface LoadedCompose {
  /** The files read, relative to the root, base first. */
  readonly files: readonly string[];
  /** The merged, interpolated and validated compose object. */
  readonly compose: Record<string, unknown>;
  /** Places a path of the merged object in the file it came from. */
  readonly place: Place;
  /** Interpolation lookup: the given environment over `.env`. */
  readonly env: Lookup;
  /** Warnings for people (unset variables). */
  readonly warnings: readonly string[];
}

/** Loads the compose file of `root`, or returns undefined when the project has none. */
export async function loadCompose(
  root: string,
  environment: Readonly<Record<string, string | undefined>>,
): Promise<LoadedCompose | undefined> {
  const baseName = await firstExisting(root, composeFileNames);
  if (baseName === undefined) return undefined;
  const env = await environmentLookup(root, environment);
  const warnings: string[] = [];
  const unsetSeen = new Set<string>();
  const onUnset = (name: string, place: string) => {
    if (unsetSeen.has(name)) return;
    unsetSeen.add(name);
    warnings.push(`${place}: variable ${name} is not set; an empty string is used.`);
  };
  const base = await readYamlSource(root, baseName);
  interpolateSource(base, env, onUnset);
  const overlayName = await firstExisting(root, [devOverlayName]);
  const overlay = overlayName === undefined ? undefined : await readYamlSource(root, overlayName);
  if (overlay !== undefined) interpolateSource(overlay, env, onUnset);

  const compose = topLevel(base);
  const overlaid = new Set<string>();
  if (overlay !== undefined) {
    // As balena-cli: the overlay's services replace (or add to) the base's whole, nothing else merges.
    const services = topLevel(overlay).services;
    if (isRecord(services)) {
      for (const name of Object.keys(services)) overlaid.add(name);
      compose.services = { ...(isRecord(compose.services) ? compose.services : {}), ...services };
    }
  }
  const place: Place = (at, key) => {
    const fromOverlay =
      overlay !== undefined && at[0] === 'services' && overlaid.has(String(at[1]));
    return where(fromOverlay ? overlay : base, at, key);
  };
  assertValidCompose(compose, (at, key) => place(at, key));
  return {
    files: overlayName === undefined ? [baseName] : [baseName, overlayName],
    compose,
    place,
    env,
    warnings,
  };
}

function topLevel(source: YamlSource): Record<string, unknown> {
  const value: unknown = source.doc.toJS();
  if (!isRecord(value)) {
    throw new BenchtopError(
      'INVALID_CONFIG',
      `${where(source, [])}: a compose file must be a mapping with "services".`,
    );
  }
  return value;
}

/** The environment wins over `.env`, as in compose. */
async function environmentLookup(
  root: string,
  environment: Readonly<Record<string, string | undefined>>,
): Promise<Lookup> {
  const outer: Lookup = (name) => environment[name];
  const dotenvPath = path.join(root, '.env');
  const text = await readFile(dotenvPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'EISDIR') return undefined;
    throw new BenchtopError('INVALID_CONFIG', `Cannot read ${dotenvPath}: ${error.message}`);
  });
  if (text === undefined) return outer;
  let values: Record<string, string>;
  try {
    values = parseDotenv(text, '.env', outer);
  } catch (error) {
    if (!(error instanceof InterpolationError)) throw error;
    throw new BenchtopError('INVALID_CONFIG', error.message);
  }
  return (name) => environment[name] ?? values[name];
}

async function firstExisting(root: string, names: readonly string[]): Promise<string | undefined> {
  for (const name of names) {
    const exists = await access(path.join(root, name)).then(
      () => true,
      () => false,
    );
    if (exists) return name;
  }
  return undefined;
}
