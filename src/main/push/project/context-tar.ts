// SPDX-License-Identifier: Apache-2.0
// One service's build context as the tar stream the engine's /build takes, the chosen
// Dockerfile replaced by its expanded text. Files are listed (and sized) before anything is
// read, so the size is known before the first byte is sent.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pack as createPack, type Pack } from 'tar-stream';
import { BenchtopError } from '../../../shared/errors.js';
import type { ServiceSpec } from '../composition.js';
import { listContextFiles, type ContextFile } from './context-files.js';

/** Above this a context warns before sending (balena users push node_modules by mistake). */
export const defaultContextWarnBytes = 100 * 1024 * 1024;

export interface ContextTar {
  /** The tar; it reads the files only as it is consumed. */
  readonly stream: Readable;
  /** Bytes of file content in it (what people compare with their folder). */
  readonly size: number;
  /** Bytes of the tar itself, headers and padding included, for progress (names over 100 characters add a little more). */
  readonly tarSize: number;
  readonly files: number;
}

export async function createContextTar(service: ServiceSpec): Promise<ContextTar> {
  const build = service.build;
  if (build === undefined) {
    throw new BenchtopError(
      'INTERNAL',
      `Service "${service.name}" runs an image and has no build context.`,
    );
  }
  const dockerfile = Buffer.from(build.dockerfileText, 'utf8');
  const listed = await listContextFiles(build);
  const files = listed.filter((file) => file.name !== build.dockerfile);
  const sizes = [...files.map((file) => file.size), dockerfile.length];
  const pack = createPack();
  void writeEntries(pack, files, build.dockerfile, dockerfile);
  return {
    stream: Readable.from(pack, { objectMode: false }),
    size: sizes.reduce((sum, size) => sum + size, 0),
    tarSize: sizes.reduce((sum, size) => sum + 512 + Math.ceil(size / 512) * 512, 1024),
    files: files.length + 1,
  };
}

/** A size warning for people, or undefined when the context is small enough. */
export function contextSizeWarning(
  serviceName: string,
  size: number,
  warnAbove = defaultContextWarnBytes,
): string | undefined {
  if (size <= warnAbove) return undefined;
  const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `The build context of service "${serviceName}" is ${megabytes(size)} (over ${megabytes(warnAbove)}): sending it takes a while. List what the build does not need in .dockerignore.`;
}

async function writeEntries(
  pack: Pack,
  files: readonly ContextFile[],
  dockerfileName: string,
  dockerfile: Buffer,
): Promise<void> {
  try {
    // The Dockerfile first: the engine can start parsing it while the rest arrives.
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name: dockerfileName, mode: 0o644 }, dockerfile, (error) =>
        error ? reject(error) : resolve(),
      );
    });
    for (const file of files) {
      await writeFile(pack, file);
      if (pack.destroying) return;
    }
    pack.finalize();
  } catch (error) {
    pack.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

async function writeFile(pack: Pack, file: ContextFile): Promise<void> {
  let settle: (error?: Error | null) => void = () => undefined;
  const written = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  const sink = pack.entry(
    { name: file.name, size: file.size, mode: file.mode, mtime: file.mtime },
    (error) => settle(error),
  );
  for await (const chunk of createReadStream(file.source)) {
    if (pack.destroying) return;
    if (!sink.write(chunk as Buffer)) await drained(sink, pack);
  }
  sink.end(undefined);
  await written;
}

function drained(sink: NodeJS.EventEmitter, pack: Pack): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      sink.off('drain', done);
      pack.off('close', done);
      resolve();
    };
    sink.on('drain', done);
    // A consumer that gives up destroys the pack: stop waiting for room that never comes.
    pack.on('close', done);
  });
}
