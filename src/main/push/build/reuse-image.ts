// SPDX-License-Identifier: Apache-2.0
// Skipping a build whose inputs have not changed. The fingerprint of a build's inputs
// (project/context-digest.ts) is kept on the engine as a second tag of the image it made,
// `local_image_<service>:ctx-<fingerprint>`. A tag, not a label: a label would change the image
// id whenever any context file changes, and deploy would then replace a container whose image
// is the same layers as before.
import type Docker from 'dockerode';
import { engineError, engineStatus } from '../../docker/index.js';

const repository = (service: string): string => `local_image_${service}`;
const digestTag = (digest: string): string => `ctx-${digest.slice(0, 32)}`;

async function imageId(docker: Docker, reference: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(reference).inspect()).Id;
  } catch (error) {
    if (engineStatus(error) === 404) return undefined;
    throw engineError(error, `looking up image ${reference}`);
  }
}

/** The id of the service's current image when it was built from `digest`'s inputs. */
export async function reusableImage(
  docker: Docker,
  service: string,
  digest: string | undefined,
): Promise<string | undefined> {
  if (digest === undefined) return undefined;
  const [latest, marked] = await Promise.all([
    imageId(docker, `${repository(service)}:latest`),
    imageId(docker, `${repository(service)}:${digestTag(digest)}`),
  ]);
  return latest !== undefined && latest === marked ? latest : undefined;
}

/**
 * Tags the service's new image with its fingerprint and drops the older fingerprint tags, so
 * old images do not stay alive on the board only through them. An old image a container still
 * uses keeps its tag (the engine refuses, 409); that is fine. Best effort: the image is built
 * either way, and a missing mark only means the next push builds again.
 */
export async function markDigest(docker: Docker, service: string, digest: string): Promise<void> {
  const repo = repository(service);
  const keep = digestTag(digest);
  try {
    await docker.getImage(`${repo}:latest`).tag({ repo, tag: keep });
    const images = await docker.listImages({ filters: JSON.stringify({ reference: [repo] }) });
    const stale = images
      .flatMap((image) => image.RepoTags ?? [])
      .filter((name) => name.startsWith(`${repo}:ctx-`) && name !== `${repo}:${keep}`);
    await Promise.all(
      stale.map((name) =>
        docker
          .getImage(name)
          .remove()
          .catch(() => undefined),
      ),
    );
  } catch {
    // Nothing to undo: without its mark the image is simply not reused.
  }
}
