// SPDX-License-Identifier: Apache-2.0
// A fingerprint of everything a service's build reads from this machine: the expanded
// Dockerfile, its build arguments and target, and each context file's name, mode and content.
// Two pushes with the same fingerprint would send the engine the same build, so the second can
// reuse the image the first made instead of sending the context again (`--nocache` forces it).
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { BenchtopError } from '../../../shared/errors.js';
import type { ServiceSpec } from '../composition.js';
import { listContextFiles } from './context-files.js';

export async function contextDigest(
  service: ServiceSpec,
  buildArgs: Readonly<Record<string, string>> = {},
): Promise<string> {
  const build = service.build;
  if (build === undefined) {
    throw new BenchtopError('INTERNAL', `Service "${service.name}" has no build to fingerprint.`);
  }
  const args = { ...build.args, ...buildArgs };
  const hash = createHash('sha256');
  const field = (value: string): void => {
    // Length-prefixed, so no two different sequences of fields hash alike.
    hash.update(`${Buffer.byteLength(value)}:${value}`);
  };
  field(build.dockerfile);
  field(build.dockerfileText);
  field(build.target ?? '');
  field(JSON.stringify(Object.entries(args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  for (const file of await listContextFiles(build)) {
    // The chosen Dockerfile is sent as its expanded text, fingerprinted above.
    if (file.name === build.dockerfile) continue;
    field(`${file.name}\0${file.mode.toString(8)}\0${file.size}`);
    await hashFile(hash, file.source);
  }
  return hash.digest('hex');
}

async function hashFile(hash: Hash, source: string): Promise<void> {
  for await (const chunk of createReadStream(source)) hash.update(chunk as Buffer);
}
