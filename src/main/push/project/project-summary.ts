// SPDX-License-Identifier: Apache-2.0
// What the faces show before a push: per service its image or build, the Dockerfile chosen and
// its template values, and what its context weighs; with the notes from loading.
import path from 'node:path';
import type {
  ProjectNote,
  ProjectServiceSummary,
  ProjectSummary,
} from '../../../shared/contract/push.js';
import type { BuildTarget, PortSpec, ServiceSpec } from '../composition.js';
import { listContextFiles } from './context-files.js';
import { contextSizeWarning, defaultContextWarnBytes } from './context-tar.js';
import { templateValues } from './dockerfile-template.js';
import type { LoadedProject } from './load-project.js';

export async function summarizeProject(
  project: LoadedProject,
  options: { readonly contextWarnBytes?: number } = {},
): Promise<ProjectSummary> {
  const { composition, target } = project;
  const notes: ProjectNote[] = [...project.notes];
  const services: ProjectServiceSummary[] = [];
  for (const service of composition.services) {
    const summary = await summarizeService(composition.root, service, target);
    const warning = contextSizeWarning(
      service.name,
      summary.build?.contextBytes ?? 0,
      options.contextWarnBytes ?? defaultContextWarnBytes,
    );
    if (warning !== undefined) notes.push({ level: 'warning', message: warning });
    services.push(summary);
  }
  return {
    root: composition.root,
    name: composition.name,
    composeFiles: [...project.composeFiles],
    target: { arch: target.arch, deviceType: target.deviceType },
    services,
    contextBytes: services.reduce((sum, service) => sum + (service.build?.contextBytes ?? 0), 0),
    notes,
  };
}

async function summarizeService(
  root: string,
  service: ServiceSpec,
  target: BuildTarget,
): Promise<ProjectServiceSummary> {
  const base = {
    name: service.name,
    image: service.image,
    dependsOn: [...service.dependsOn],
    ports: service.ports.map(portText),
    ...(service.networkMode === undefined ? {} : { networkMode: service.networkMode }),
  };
  const build = service.build;
  if (build === undefined) return base;
  const files = await listContextFiles(build);
  // The tar carries the expanded Dockerfile in place of the file on disk.
  const onDisk = files.find((file) => file.name === build.dockerfile)?.size ?? 0;
  const dockerfileBytes = Buffer.byteLength(build.dockerfileText, 'utf8');
  const contextBytes = files.reduce((sum, file) => sum + file.size, 0) - onDisk + dockerfileBytes;
  return {
    ...base,
    build: {
      context: path.relative(root, build.context) || '.',
      dockerfile: build.dockerfile,
      fromTemplate: build.fromTemplate,
      templateValues: build.fromTemplate ? templateValues(target, service.name) : {},
      dockerfileText: build.dockerfileText,
      args: { ...build.args },
      ...(build.target === undefined ? {} : { target: build.target }),
      contextFiles: files.some((file) => file.name === build.dockerfile)
        ? files.length
        : files.length + 1,
      contextBytes,
    },
  };
}

function portText(port: PortSpec): string {
  const host =
    port.published === undefined
      ? ''
      : `${port.hostIp === undefined ? '' : `${port.hostIp}:`}${port.published}:`;
  return `${host}${port.target}/${port.protocol}`;
}
