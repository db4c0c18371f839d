// SPDX-License-Identifier: Apache-2.0
// The `livepush` library driven the way balena-cli's src/utils/device/live.ts drives it (read,
// not copied; balena-cli itself cannot be installed here): one chokidar watcher and one
// Livepush instance per built service; add, change and unlink events all queued as updates
// (live.ts never fills its delete queue); a trailing debounce per service (2 s in balena-cli);
// then a full rebuild when the service's Dockerfile changed, else performLivepush when
// livepushNeeded says so. A rebuild builds the service, removes its container, has it
// recreated (balena-cli re-applies the supervisor's target state; the rig's boards have no
// supervisor, so `docker-compose up --no-deps` does it) and starts a new Livepush on it.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import dockerignoreModule from '@balena/dockerignore';
import { watch, type FSWatcher } from 'chokidar';
import type Docker from 'dockerode';
import { Dockerfile, Livepush } from 'livepush';
import { parse } from 'yaml';
import { compose, composeContainerId, type ComposeProject } from './compose.js';
import type { LivePeer } from './peer.js';

interface Watched {
  readonly context: string;
  readonly dockerfilePath: string;
  livepush: Livepush;
  readonly watcher: FSWatcher;
  queue: string[];
  timer?: NodeJS.Timeout;
}

interface ComposeFile {
  services: Record<string, { build?: string | { context?: string; dockerfile?: string } }>;
}

export function livepushPeer(
  docker: Docker,
  project: ComposeProject & { readonly port: number },
  options: { readonly name: string; readonly debounceMs: number },
): LivePeer {
  const services = new Map<string, Watched>();
  const inflight = new Set<Promise<void>>();
  const errors: string[] = [];

  const track = (work: Promise<void>): void => {
    const done = work.catch((error: unknown) => {
      errors.push(error instanceof Error ? error.message : String(error));
    });
    inflight.add(done);
    void done.finally(() => inflight.delete(done));
  };

  const startLivepush = async (service: string, context: string, dockerfilePath: string) => {
    const dockerfile = new Dockerfile(readFileSync(join(context, dockerfilePath)));
    // balena-cli passes the image id of every stage but the last; the fixture is single-stage.
    if (dockerfile.stages.length !== 1)
      throw new Error(`${service}: the bench's livepush driver handles single-stage Dockerfiles`);
    const containerId = await composeContainerId(docker, project.name, service);
    if (containerId === undefined) throw new Error(`${service}: no running container`);
    return Livepush.init({ dockerfile, context, containerId, stageImages: [], docker });
  };

  const rebuild = async (service: string, watched: Watched): Promise<void> => {
    await compose(project, ['build', service]);
    const old = await composeContainerId(docker, project.name, service);
    if (old !== undefined) await docker.getContainer(old).remove({ force: true });
    await compose(project, ['up', '-d', '--no-build', '--no-deps', service]);
    watched.livepush = await startLivepush(service, watched.context, watched.dockerfilePath);
  };

  const handle = async (service: string, watched: Watched): Promise<void> => {
    const updated = watched.queue;
    watched.queue = [];
    if (updated.includes(watched.dockerfilePath)) return rebuild(service, watched);
    if (!watched.livepush.livepushNeeded(updated, [])) return;
    await watched.livepush.performLivepush(updated, []);
  };

  const changed = (service: string, watched: Watched, path: string): void => {
    watched.queue.push(path);
    clearTimeout(watched.timer);
    watched.timer = setTimeout(() => {
      watched.timer = undefined;
      track(handle(service, watched));
    }, options.debounceMs);
  };

  const watchService = async (service: string, context: string, dockerfilePath: string) => {
    const ignoreFile = join(context, '.dockerignore');
    const dockerignore = dockerignoreModule
      .default({ ignorecase: false })
      .add(existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8').split('\n') : []);
    const watcher = watch('.', {
      cwd: context,
      followSymlinks: true,
      ignoreInitial: true,
      ignored: (path, stats) => {
        const seen = stats ?? (existsSync(path) ? lstatSync(path) : undefined);
        // Folders are never ignored (dockerignore's "!" may bring back files below them).
        if (seen !== undefined && !seen.isFile() && !seen.isSymbolicLink())
          return !seen.isDirectory();
        return dockerignore.ignores(relative(context, resolve(context, path)));
      },
    });
    // Listen before any await: 'ready' may come while Livepush starts.
    const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    const watched: Watched = {
      context,
      dockerfilePath,
      livepush: await startLivepush(service, context, dockerfilePath),
      watcher,
      queue: [],
    };
    for (const event of ['add', 'change', 'unlink'] as const)
      watcher.on(event, (path: string) => changed(service, watched, path));
    await ready;
    services.set(service, watched);
  };

  return {
    name: options.name,
    root: project.root,
    port: project.port,
    async start() {
      await compose(project, ['build']);
      await compose(project, ['up', '-d']);
      const file = parse(
        readFileSync(join(project.root, 'docker-compose.yml'), 'utf8'),
      ) as ComposeFile;
      for (const [service, spec] of Object.entries(file.services)) {
        if (spec.build === undefined) continue;
        const build = typeof spec.build === 'string' ? { context: spec.build } : spec.build;
        await watchService(
          service,
          resolve(project.root, build.context ?? '.'),
          build.dockerfile ?? 'Dockerfile',
        );
      }
    },
    saved: () => Promise.resolve(),
    async settle() {
      for (;;) {
        const waiting = [...services.values()].some((watched) => watched.timer !== undefined);
        if (!waiting && inflight.size === 0) return;
        await Promise.all([...inflight, new Promise((resolve) => setTimeout(resolve, 20))]);
      }
    },
    containerId: (service) => composeContainerId(docker, project.name, service),
    errors,
    async stop() {
      for (const watched of services.values()) {
        clearTimeout(watched.timer);
        await watched.watcher.close();
      }
      await compose(project, ['down', '--rmi', 'local', '--timeout', '2']);
    },
  };
}
