// SPDX-License-Identifier: Apache-2.0
// Which Dockerfile of a build context is built, and its text, the way balena chooses.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { BenchtopError } from '../../../shared/errors.js';
import type { BuildTarget } from '../composition.js';
import { expandTemplate, templateValues } from './dockerfile-template.js';

export interface ResolvedDockerfile {
  /** Path relative to the context, posix separators. */
  readonly dockerfile: string;
  readonly text: string;
  readonly fromTemplate: boolean;
}

/** Candidate names in balena's order of preference, and whether each is a template. */
export function dockerfileCandidates(
  target: BuildTarget,
): readonly { readonly name: string; readonly template: boolean }[] {
  return [
    { name: `Dockerfile.${target.deviceType}`, template: true },
    { name: `Dockerfile.${target.arch}`, template: true },
    { name: 'Dockerfile.template', template: true },
    { name: 'Dockerfile', template: false },
  ];
}

/**
 * Chooses and reads the Dockerfile of one service's context. `explicit` is compose's
 * build.dockerfile: used as given, expanded when it ends in `.template`. `where` says which
 * compose entry asked, for errors.
 */
export async function resolveDockerfile(options: {
  readonly context: string;
  readonly serviceName: string;
  readonly target: BuildTarget;
  readonly explicit?: string;
  readonly where: string;
}): Promise<ResolvedDockerfile> {
  const { context, serviceName, target, explicit, where } = options;
  const chosen =
    explicit === undefined
      ? await chooseByTarget(context, target, serviceName, where)
      : { name: toPosix(explicit), template: explicit.endsWith('.template') };
  const file = path.join(context, chosen.name);
  const source = await readDockerfile(file, serviceName, where);
  const text = chosen.template
    ? expandTemplate(source, templateValues(target, serviceName), file)
    : source;
  return { dockerfile: chosen.name, text, fromTemplate: chosen.template };
}

async function chooseByTarget(
  context: string,
  target: BuildTarget,
  serviceName: string,
  where: string,
): Promise<{ name: string; template: boolean }> {
  const names = new Set(await readdir(context).catch(() => [] as string[]));
  const candidates = dockerfileCandidates(target);
  const found = candidates.find((candidate) => names.has(candidate.name));
  if (found === undefined) {
    throw new BenchtopError(
      'NOT_FOUND',
      `${where}: service "${serviceName}" has no Dockerfile in ${context} (looked for ${candidates
        .map((c) => c.name)
        .join(', ')}).`,
    );
  }
  return found;
}

async function readDockerfile(file: string, serviceName: string, where: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BenchtopError(
      'NOT_FOUND',
      `${where}: the Dockerfile of service "${serviceName}" cannot be read: ${file}.`,
      reason,
    );
  }
}

function toPosix(name: string): string {
  return path.posix.normalize(name.split(path.sep).join('/')).replace(/^\.\//, '');
}
