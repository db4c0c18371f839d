// SPDX-License-Identifier: Apache-2.0
// Which container a shell into "SERVICE" means. Pure: the service lists the board's containers
// and this picks one, or says in words what runs instead.
import { BenchtopError } from '../../shared/errors.js';

/** Labels that name a container's service: Benchtop's push, and the balena supervisor's. */
export const serviceLabels = ['io.benchtop.service', 'io.balena.service-name'] as const;
export const projectLabels = ['io.benchtop.project', 'io.balena.app-name'] as const;

export interface ContainerEntry {
  readonly id: string;
  /** As the engine lists them, with a leading slash. */
  readonly names: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** running, exited, created … */
  readonly state: string;
}

export interface NamedContainer extends ContainerEntry {
  /** The service it belongs to, or its own name when no push made it. */
  readonly service: string;
  readonly project: string | undefined;
}

const firstLabel = (labels: ContainerEntry['labels'], keys: readonly string[]) =>
  keys.map((key) => labels[key]).find((value) => value !== undefined && value !== '');

export function nameContainer(entry: ContainerEntry): NamedContainer {
  const own = (entry.names[0] ?? entry.id.slice(0, 12)).replace(/^\//, '');
  return {
    ...entry,
    service: firstLabel(entry.labels, serviceLabels) ?? own,
    project: firstLabel(entry.labels, projectLabels),
  };
}

/** Running before stopped, then by project and service: a list a person can read. */
export function byService(a: NamedContainer, b: NamedContainer): number {
  const running = Number(b.state === 'running') - Number(a.state === 'running');
  return (
    running ||
    (a.project ?? '').localeCompare(b.project ?? '') ||
    a.service.localeCompare(b.service)
  );
}

const describe = (c: NamedContainer): string =>
  c.project === undefined ? c.service : `${c.service} (${c.project})`;

/**
 * The running container for `service`: by service label first (Benchtop's or the supervisor's),
 * else by container name, else by id prefix. Refuses a stopped one and an ambiguous name.
 */
export function pickContainer(
  entries: readonly ContainerEntry[],
  wanted: { service: string; project?: string | undefined },
  board: string,
): NamedContainer {
  const all = entries
    .map(nameContainer)
    .filter((c) => wanted.project === undefined || c.project === wanted.project);
  const running = all.filter((c) => c.state === 'running');
  const matchers: ((c: NamedContainer) => boolean)[] = [
    (c) => firstLabel(c.labels, serviceLabels) === wanted.service,
    (c) => c.names.some((name) => name.replace(/^\//, '') === wanted.service),
    (c) => wanted.service.length >= 4 && c.id.startsWith(wanted.service),
  ];
  for (const matches of matchers) {
    const found = all.filter(matches);
    if (found.length === 0) continue;
    const live = found.filter((c) => c.state === 'running');
    if (live.length > 1 && new Set(live.map((c) => c.project)).size > 1) {
      throw new BenchtopError(
        'INVALID_INPUT',
        `"${wanted.service}" runs in several projects on ${board}: ${live.map(describe).join(', ')}.`,
        'Name the project too.',
      );
    }
    const chosen = live[0];
    if (chosen) return chosen;
    throw new BenchtopError(
      'UNREACHABLE',
      `${describe(found[0] as NamedContainer)} is not running on ${board} (${(found[0] as NamedContainer).state}): a shell needs a running container.${runningList(running)}`,
    );
  }
  throw new BenchtopError(
    'NOT_FOUND',
    `No service or container "${wanted.service}"${wanted.project === undefined ? '' : ` in project ${wanted.project}`} on ${board}.${runningList(running)}`,
  );
}

function runningList(running: readonly NamedContainer[]): string {
  if (running.length === 0) return ' Nothing runs there now: push a project first.';
  return ` Running: ${[...running].sort(byService).map(describe).join(', ')}.`;
}
