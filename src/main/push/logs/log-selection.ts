// SPDX-License-Identifier: Apache-2.0
// Which containers' logs a request covers: a project's (or every Benchtop project's), filtered
// by service name.
import type Docker from 'dockerode';
import { findProjectContainers, type ProjectContainer } from '../services/index.js';

export interface LogSelection {
  /** One project; every Benchtop project on the board when left out. */
  readonly project?: string;
  /** Only these services; all when left out or empty. */
  readonly services?: readonly string[];
}

export const DEFAULT_TAIL = 100;

export function wanted(selection: LogSelection, container: ProjectContainer): boolean {
  if (selection.project !== undefined && container.project !== selection.project) return false;
  const { services } = selection;
  return !services || services.length === 0 || services.includes(container.service);
}

export async function selectContainers(
  docker: Docker,
  selection: LogSelection,
): Promise<ProjectContainer[]> {
  const all = await findProjectContainers(docker, selection.project);
  return all.filter((c) => wanted(selection, c));
}
