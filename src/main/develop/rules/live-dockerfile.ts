// SPDX-License-Identifier: Apache-2.0
// The Dockerfile as livepush builds it for a live session: #dev-copy=, #dev-run= and #dev-env=
// become COPY, RUN and ENV; #dev-cmd-live= becomes the CMD (the file's own CMDs go), the RUNs
// after it are dropped and so are the stages after its stage. Lines are kept as written
// otherwise, so errors still point at the user's lines. A file without directives is unchanged.
import type { Composition } from '../../push/composition.js';
import { parseDockerfile } from './dockerfile-parse.js';

const asInstruction: Record<string, string> = {
  'DEV-COPY': 'COPY',
  'DEV-RUN': 'RUN',
  'DEV-ENV': 'ENV',
  'DEV-CMD-LIVE': 'CMD',
};

export function liveDockerfile(text: string): string {
  const instructions = parseDockerfile(text);
  if (!instructions.some((i) => i.keyword.startsWith('DEV-'))) return text;
  const hasLiveCommand = instructions.some((i) => i.keyword === 'DEV-CMD-LIVE');
  const lines = text.split(/\r?\n/);
  const replaced = new Map<number, string>();
  const dropped = new Set<number>();
  const drop = (from: number, to: number) => {
    for (let line = from; line <= to; line += 1) dropped.add(line);
  };
  let afterLiveCommand = false;
  for (const instruction of instructions) {
    const { keyword, line, lastLine } = instruction;
    const replacement = asInstruction[keyword];
    if (keyword === 'FROM' && afterLiveCommand) {
      drop(line, lines.length);
      break;
    }
    if (replacement !== undefined) replaced.set(line, `${replacement} ${instruction.args}`);
    if (keyword === 'DEV-CMD-LIVE') afterLiveCommand = true;
    if ((keyword === 'RUN' && afterLiveCommand) || (keyword === 'CMD' && hasLiveCommand)) {
      drop(line, lastLine);
    }
  }
  return lines
    .flatMap((text, index) => {
      const line = index + 1;
      if (dropped.has(line)) return [];
      return [replaced.get(line) ?? text];
    })
    .join('\n');
}

/** The project with each built service's Dockerfile as livepush builds it for a live session. */
export function liveComposition(project: Composition): Composition {
  return {
    ...project,
    services: project.services.map((service) =>
      service.build === undefined
        ? service
        : {
            ...service,
            build: {
              ...service.build,
              dockerfileText: liveDockerfile(service.build.dockerfileText),
            },
          },
    ),
  };
}
