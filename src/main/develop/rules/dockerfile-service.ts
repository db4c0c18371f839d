// SPDX-License-Identifier: Apache-2.0
// The default rules of a service built from a Dockerfile: a context file goes where the final
// stage's COPY/ADD put it; anything the image cannot take that way is rebuilt.
//
// A RUN after the copy that takes a file depends on it. For a plain Dockerfile the service is
// rebuilt (the image stays the truth: `package.json` before `RUN npm install`). A Dockerfile
// written for livepush (it has #dev- directives) gets livepush's behaviour: the RUNs from that
// copy on are re-run in the container, and the container restarts after a sync unless the copy
// comes after #dev-cmd-live (whose command watches files itself).
//
// A plain Dockerfile's container restarts after a sync too, so that a program sees its new code,
// unless it runs a static file server (httpd, nginx...): that serves the new file at once, and a
// restart would only make the edit slower to appear (livepush's restart is most of its delay).
import path from 'node:path';
import type { ServiceSpec } from '../../push/composition.js';
import type { FileChange } from '../sync-plan.js';
import { copyTarget } from './copy-target.js';
import { modelDockerfile, type ContextCopy, type DockerfileModel } from './dockerfile-model.js';
import { isFolderChange, placeEffect, type Effect } from './effects.js';

/** Archives ADD unpacks: syncing one would put the archive, not its contents, in place. */
const archive = /\.(tar|tgz|tar\.(gz|bz2|xz|zst)|tbz2?|txz)$/i;

export interface DockerfileRules {
  readonly model: DockerfileModel;
  effects(change: FileChange, contextPath: string, localPath: string): Effect[];
}

export function dockerfileRules(service: ServiceSpec): DockerfileRules | undefined {
  const build = service.build;
  if (build === undefined) return undefined;
  const model = modelDockerfile(build.dockerfileText, build.args, build.target);
  const serverOnly =
    !model.livepush &&
    servesFiles(
      service.entrypoint?.join(' ') ?? model.entrypoint,
      service.command?.join(' ') ?? model.cmd,
    );
  return {
    model,
    effects: (change, file, local) => effectsOf(model, serverOnly, change, file, local),
  };
}

function effectsOf(
  model: DockerfileModel,
  serverOnly: boolean,
  change: FileChange,
  file: string,
  local: string,
): Effect[] {
  if (model.readsWholeContext !== undefined) {
    return [{ kind: 'rebuild', reason: `${change.path} changed and ${model.readsWholeContext}` }];
  }
  const earlier = model.earlierCopies.find((copy) => copyTarget(copy, file) !== undefined);
  if (earlier !== undefined) {
    return [
      {
        kind: 'rebuild',
        reason: `${change.path} is used by build stage "${earlier.stage}" (line ${earlier.line})`,
      },
    ];
  }
  const effects: Effect[] = [];
  let mapped = false;
  for (const copy of model.copies) {
    const hit = copyTarget(copy, file);
    if (hit === undefined) continue;
    mapped = true;
    // A copied folder itself has no place in the container: its contents do.
    if (hit.topLevel && isFolderChange(change)) continue;
    const problem = rebuildReason(model, copy, change.path, hit.to);
    if (problem !== undefined) return [{ kind: 'rebuild', reason: problem }];
    const to = hit.to ?? '';
    effects.push(placeEffect(change, local, to));
    if (change.kind === 'add' || change.kind === 'change' || change.kind === 'addDir') {
      if (copy.chown !== undefined)
        effects.push({ kind: 'own', tool: 'chown', value: copy.chown, path: to });
      if (copy.chmod !== undefined)
        effects.push({ kind: 'own', tool: 'chmod', value: copy.chmod, path: to });
    }
    for (const run of model.runs) {
      if (run.step > copy.step)
        effects.push({ kind: 'exec', order: run.step, command: run.command });
    }
    if (copy.restart && !serverOnly) effects.push({ kind: 'restart' });
  }
  if (!mapped) {
    return [
      {
        kind: 'rebuild',
        reason: `${change.path} is in the build context but no COPY of the final stage takes it`,
      },
    ];
  }
  return effects;
}

function rebuildReason(
  model: DockerfileModel,
  copy: ContextCopy,
  file: string,
  to: string | undefined,
): string | undefined {
  if (copy.unmapped !== undefined) return `${file} changed and ${copy.unmapped}`;
  if (to === undefined) {
    return `${file} is copied by line ${copy.line} (${copy.instruction}) to a place that depends on the base image`;
  }
  if (copy.isAdd && archive.test(file)) {
    return `${file} is an archive that ADD unpacks (line ${copy.line})`;
  }
  const after = model.runs.filter((run) => run.step > copy.step);
  const first = after[0];
  if (first === undefined) return undefined;
  if (!model.livepush) {
    return `${file} is copied before RUN ${short(first.text)} (line ${first.line})`;
  }
  const stuck = after.find((run) => !run.execable);
  if (stuck !== undefined) {
    return `${file} is copied before RUN ${short(stuck.text)} (line ${stuck.line}), which cannot be re-run in the container`;
  }
  return undefined;
}

/** Static file servers: they read each file when asked for it. */
const fileServers = new Set([
  'httpd',
  'busybox httpd',
  'nginx',
  'lighttpd',
  'caddy',
  'apache2',
  'http-server',
  'serve',
]);

/** True when the container's program is a static file server (an entrypoint decides first). */
function servesFiles(entrypoint: string | undefined, cmd: string | undefined): boolean {
  const program = entrypoint ?? cmd;
  if (program === undefined) return false;
  const words = program
    .replace(/[[\]",]/g, ' ')
    .split(/[\s;&|]+/)
    .map((word) => word.split('/').at(-1) ?? word);
  return words.some((word) => fileServers.has(word)) || /\bhttp\.server\b/.test(program);
}

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** Files whose change changes the image itself: the Dockerfile and the ones that could replace it. */
export function dockerfileNames(
  root: string,
  service: ServiceSpec,
  target?: { arch: string; deviceType: string },
): string[] {
  const build = service.build;
  if (build === undefined) return [];
  const chosen = path.resolve(build.context, build.dockerfile);
  const folder = path.dirname(chosen);
  const candidates = [
    chosen,
    path.join(folder, 'Dockerfile'),
    path.join(folder, 'Dockerfile.template'),
  ];
  if (target !== undefined) {
    candidates.push(
      path.join(folder, `Dockerfile.${target.arch}`),
      path.join(folder, `Dockerfile.${target.deviceType}`),
    );
  }
  return [
    ...new Set(candidates.map((file) => path.relative(root, file).split(path.sep).join('/'))),
  ];
}
