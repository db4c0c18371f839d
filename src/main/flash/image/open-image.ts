// SPDX-License-Identifier: Apache-2.0
import { sourceDestination } from '../etcher/index.js';
import type * as CompressedSources from '../etcher/compressed.js';
import type { ImageInfo } from '../../../shared/contract/index.js';
import { BenchtopError } from '../../../shared/error-core.js';
import { isUrl } from '../../../shared/is-url.js';
import { checkLocalFile } from './local-file.js';

type Source = sourceDestination.SourceDestination;
type HttpOptions = ConstructorParameters<typeof CompressedSources.Http>[0];

export interface OpenedImage {
  /** The file or URL as given. */
  outer: Source;
  /** The raw disk image inside (the same object when not compressed). */
  inner: Source;
  format: ImageInfo['format'];
  compressedSize: number | undefined;
  size: number | undefined;
  sizeIsEstimated: boolean;
  close(): Promise<void>;
}

/**
 * etcher-sdk takes the largest image in a zip and says nothing of the others: which one was
 * meant is the user's call. Its entry filter sees every name, so it lists them for us.
 */
async function openZip(outer: Source, compressed: Compressed, path: string): Promise<Source> {
  const images = new Set<string>();
  const inner = new compressed.ZipSource(outer, false, (name) => {
    const image = compressed.matchSupportedExtensions(name);
    if (image) images.add(name);
    return image;
  });
  const opened = await inner.getInnerSource();
  await opened.getMetadata();
  if (images.size > 1)
    throw new BenchtopError(
      'NOT_AN_IMAGE',
      `${path} holds ${images.size} disk images (${[...images].join(', ')}), and a flash writes one: unzip it and flash the image you mean.`,
    );
  return opened;
}

type Compressed = typeof CompressedSources;

function formatOf(inner: Source, compressed: Compressed | undefined): ImageInfo['format'] {
  if (!compressed) return 'raw';
  if (inner instanceof compressed.GZipSource) return 'gzip';
  if (inner instanceof compressed.XzSource) return 'xz';
  if (inner instanceof compressed.BZip2Source) return 'bzip2';
  if (inner instanceof compressed.ZipSource) return 'zip';
  return 'raw';
}

/**
 * Node keeps HTTP connections alive by default; a server that ignores Range then leaves the
 * rest of a body on the socket that the next request reads as garbage ("Parse Error").
 * One connection per request costs nothing next to an image download.
 */
async function noKeepAlive(): Promise<HttpOptions['axiosInstance']> {
  // Loaded here, not at the top: the writer imports this file, and a flash of a local file
  // should not pay for Node's HTTP, HTTPS and TLS modules before its first byte.
  const [{ default: axios }, { Agent: HttpAgent }, { Agent: HttpsAgent }] = await Promise.all([
    import('axios'),
    import('node:http'),
    import('node:https'),
  ]);
  const instance = axios.create({
    httpAgent: new HttpAgent({ keepAlive: false }),
    httpsAgent: new HttpsAgent({ keepAlive: false }),
  });
  // The same axios seen through its ESM and its CommonJS typings (etcher-sdk's): one object.
  return instance as unknown as HttpOptions['axiosInstance'];
}

/** Opens a file or URL and peels compression off with etcher-sdk's own detection. */
export async function openImage(image: string): Promise<OpenedImage> {
  const local = isUrl(image) ? undefined : await checkLocalFile(image);
  const compressed =
    local === undefined || local.compressed ? await import('../etcher/compressed.js') : undefined;
  const outer: Source =
    compressed && isUrl(image)
      ? new compressed.Http({
          url: image,
          avoidRandomAccess: true,
          axiosInstance: await noKeepAlive(),
        })
      : new sourceDestination.File({ path: image });
  const fileSize = local?.size;
  try {
    await outer.open();
  } catch (error) {
    throw new BenchtopError('UNREACHABLE', `Cannot open ${image}: ${(error as Error).message}`);
  }
  try {
    // A raw local file is its own inner source: etcher-sdk's detection would find nothing
    // registered to unpack it with.
    const inner = !compressed
      ? outer
      : local?.bzip2
        ? new (await import('./bzip2-source.js')).Bzip2Source(outer)
        : local?.zip
          ? await openZip(outer, compressed, image)
          : await outer.getInnerSource();
    const metadata = await inner.getMetadata();
    const format = formatOf(inner, compressed);
    return {
      outer,
      inner,
      format,
      compressedSize: format === 'raw' ? undefined : (fileSize ?? metadata.compressedSize),
      size: metadata.size,
      sizeIsEstimated: metadata.isSizeEstimated ?? false,
      close: async () => {
        await inner.close().catch(() => undefined);
        await outer.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await outer.close().catch(() => undefined);
    if (error instanceof BenchtopError) throw error;
    const status = /status code (\d+)/.exec((error as Error).message)?.[1];
    if (isUrl(image) && status !== undefined)
      throw new BenchtopError('UNREACHABLE', `The server answered HTTP ${status} for ${image}.`);
    if (isUrl(image)) throw downloadError(image, error);
    throw new BenchtopError(
      'CORRUPT_SOURCE',
      `Cannot read ${image} as an image: ${(error as Error).message}.`,
    );
  }
}

/** Any failure reading a URL, in words: the download failed or broke off; start again. */
export function downloadError(image: string, error: unknown): BenchtopError {
  return new BenchtopError(
    'UNREACHABLE',
    `The download of ${image} failed or broke off (${(error as Error).message}). Nothing was written; start again.`,
  );
}
