// SPDX-License-Identifier: Apache-2.0
// The two ends of an image copy on a board's engine: GET /images/get (a `docker save` tar of
// several images) and POST /images/load, whose answer is JSON lines that may carry an error.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { BenchtopError } from '../../../shared/errors.js';

/** dockerode has getImages (several names, one tar) but its types leave it out. */
interface SavesImages {
  getImages(options: { names: string[] }): Promise<NodeJS.ReadableStream>;
}

/** One tar holding every named image with its tags, read straight from the engine. */
export async function openImageExport(docker: Docker, names: readonly string[]): Promise<Readable> {
  const saver = docker as Docker & SavesImages;
  return (await saver.getImages({ names: [...names] })) as Readable;
}

interface LoadLine {
  stream?: unknown;
  error?: unknown;
  errorDetail?: { message?: unknown };
}

/**
 * Sends `tar` to the engine's /images/load and waits for the engine to finish; the images the
 * engine reports loading. A load the engine refuses (a truncated tar, a full disk) throws.
 */
export async function loadImageTar(docker: Docker, tar: Readable): Promise<string[]> {
  const answer = (await docker.loadImage(tar)) as Readable;
  const loaded: string[] = [];
  for await (const text of createInterface({ input: answer, crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    const line = parseLine(text);
    const failure = line.errorDetail?.message ?? line.error;
    if (typeof failure === 'string' && failure !== '') {
      throw new BenchtopError('DOCKER_FAILED', `The engine refused the images: ${failure}`);
    }
    if (typeof line.stream === 'string') {
      const name = /^Loaded image(?: ID)?: (.+)$/.exec(line.stream.trim())?.[1];
      if (name !== undefined) loaded.push(name);
    }
  }
  return loaded;
}

function parseLine(text: string): LoadLine {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return { stream: text };
  }
}
