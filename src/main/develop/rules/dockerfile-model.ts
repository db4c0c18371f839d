// SPDX-License-Identifier: Apache-2.0
// What a Dockerfile means for live sync: where the final stage's COPY/ADD put context files,
// which RUNs come after them, which context files earlier stages read, and livepush's
// directives. Livepush's rules for the live image are kept: a #dev-cmd-live= stage is the last
// one built, RUNs after the directive are dropped, #dev-copy= and #dev-run= count as COPY and RUN.
import path from 'node:path';
import { parseDockerfile, type Instruction } from './dockerfile-parse.js';
import { commandOf, envPairs, splitWords, substitute } from './dockerfile-words.js';
import { contextCopy, mkdirTargets, type ContextCopy, type StageState } from './context-copy.js';
import type { SyncCommand } from '../sync-plan.js';

export type { ContextCopy } from './context-copy.js';

export interface StageRun {
  readonly step: number;
  readonly line: number;
  readonly text: string;
  readonly command: SyncCommand;
  /** A heredoc or a --mount: not something to re-run by exec. */
  readonly execable: boolean;
}

export interface DockerfileModel {
  /** Local copies of the final stage, in order. */
  readonly copies: readonly ContextCopy[];
  readonly runs: readonly StageRun[];
  /** Local copies of the stages built before the final one: a change there rebuilds. */
  readonly earlierCopies: readonly (ContextCopy & { readonly stage: string })[];
  /** Set when a RUN reads the whole context (`--mount=type=bind`): every change rebuilds. */
  readonly readsWholeContext?: string;
  /** True when the file uses livepush directives: RUNs after a changed copy are exec'd. */
  readonly livepush: boolean;
  readonly liveCommand?: readonly string[];
  /** The final stage's own CMD and ENTRYPOINT texts (absent when the base image gives them). */
  readonly cmd?: string;
  readonly entrypoint?: string;
  readonly liveEnvironment: Readonly<Record<string, string>>;
}

export function modelDockerfile(
  text: string,
  buildArgs: Readonly<Record<string, string>> = {},
  target?: string,
): DockerfileModel {
  const instructions = parseDockerfile(text);
  const stages = splitStages(instructions);
  const finalIndex = finalStageIndex(stages, target);
  const globalArgs = new Map<string, string>();
  for (const instruction of stages.preamble) {
    if (instruction.keyword === 'ARG') addArg(globalArgs, instruction.args, buildArgs);
  }
  const livepush = instructions.some((i) => i.keyword.startsWith('DEV-'));
  const earlierCopies: DockerfileModel['earlierCopies'][number][] = [];
  let readsWholeContext: string | undefined;
  let finalStage: ReturnType<typeof walkStage> | undefined;
  for (const [index, stage] of stages.list.entries()) {
    if (index > finalIndex) break;
    const walked = walkStage(stage, index, globalArgs, buildArgs);
    readsWholeContext ??= walked.readsWholeContext;
    if (index === finalIndex) finalStage = walked;
    else earlierCopies.push(...walked.copies.map((copy) => ({ ...copy, stage: walked.name })));
  }
  return {
    copies: finalStage?.copies ?? [],
    runs: finalStage?.runs ?? [],
    earlierCopies,
    ...(readsWholeContext === undefined ? {} : { readsWholeContext }),
    livepush,
    ...(finalStage?.liveCommand === undefined ? {} : { liveCommand: finalStage.liveCommand }),
    ...(finalStage?.cmd === undefined ? {} : { cmd: finalStage.cmd }),
    ...(finalStage?.entrypoint === undefined ? {} : { entrypoint: finalStage.entrypoint }),
    liveEnvironment: finalStage?.liveEnvironment ?? {},
  };
}

interface Stages {
  readonly preamble: Instruction[];
  readonly list: { from: Instruction; body: Instruction[] }[];
}

function splitStages(instructions: readonly Instruction[]): Stages {
  const stages: Stages = { preamble: [], list: [] };
  for (const instruction of instructions) {
    const current = stages.list.at(-1);
    if (instruction.keyword === 'FROM') stages.list.push({ from: instruction, body: [] });
    else if (current === undefined) stages.preamble.push(instruction);
    else current.body.push(instruction);
  }
  return stages;
}

/** The build target's stage, else livepush's #dev-cmd-live stage, else the last. */
function finalStageIndex(stages: Stages, target: string | undefined): number {
  if (target !== undefined) {
    const found = stages.list.findIndex(
      (stage) => stageName(stage.from)?.toLowerCase() === target.toLowerCase(),
    );
    if (found >= 0) return found;
  }
  const live = stages.list.findIndex((stage) =>
    stage.body.some((i) => i.keyword === 'DEV-CMD-LIVE'),
  );
  return live >= 0 ? live : stages.list.length - 1;
}

function stageName(from: Instruction): string | undefined {
  const { words } = splitWords(from.args);
  return words.length >= 3 && words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
}

function walkStage(
  stage: Stages['list'][number],
  index: number,
  globalArgs: ReadonlyMap<string, string>,
  buildArgs: Readonly<Record<string, string>>,
) {
  const state: StageState = {
    name: stageName(stage.from) ?? String(index),
    workdir: '/',
    shell: ['/bin/sh', '-c'],
    // Global ARGs are visible in a stage only when re-declared, but their values are its defaults.
    values: new Map(),
    folders: new Set(['/']),
  };
  const copies: ContextCopy[] = [];
  const runs: StageRun[] = [];
  const liveEnvironment: Record<string, string> = {};
  let liveCommand: string[] | undefined;
  const runsWith: { cmd?: string; entrypoint?: string } = {};
  let readsWholeContext: string | undefined;
  for (const [step, instruction] of stage.body.entries()) {
    const { keyword, args } = instruction;
    if (keyword === 'ARG') addArg(state.values, args, buildArgs, globalArgs);
    else if (keyword === 'ENV' || keyword === 'DEV-ENV') {
      for (const [name, value] of envPairs(args)) {
        const resolved = substitute(value, state.values);
        // A value built on the base image's (PATH=/x:$PATH) is unknown here from now on.
        if (resolved === undefined) state.values.delete(name);
        else state.values.set(name, resolved);
        if (keyword === 'DEV-ENV') liveEnvironment[name] = resolved ?? value;
      }
    } else if (keyword === 'WORKDIR') {
      const dir = substitute(args, state.values);
      state.workdir = workdirAfter(state.workdir, dir);
      if (dir !== undefined) state.folders.add(state.workdir);
    } else if (keyword === 'USER') state.user = substitute(args, state.values) ?? args;
    else if (keyword === 'SHELL') state.shell = commandOf(args, state.shell);
    else if (keyword === 'COPY' || keyword === 'ADD' || keyword === 'DEV-COPY') {
      const copy = contextCopy(instruction, step, state, liveCommand === undefined);
      if (copy !== undefined) copies.push(copy);
    } else if (keyword === 'RUN' || keyword === 'DEV-RUN') {
      // Livepush drops the image's RUNs after #dev-cmd-live: the live command does their work.
      if (keyword === 'RUN' && liveCommand !== undefined) continue;
      const words = splitWords(args);
      const mount = words.flags.mount ?? '';
      if (/type=bind/.test(mount) && !/from=/.test(mount)) {
        readsWholeContext = `RUN --mount=type=bind on line ${instruction.line} reads the build context`;
      }
      for (const made of mkdirTargets(args))
        state.folders.add(path.posix.resolve(state.workdir || '/', made));
      const body = keyword === 'RUN' ? args.replace(/^(--\S+\s+)*/, '') : args;
      runs.push({
        step,
        line: instruction.line,
        text: body,
        command: {
          command: commandOf(body, state.shell),
          ...(state.workdir === '' ? {} : { workdir: state.workdir }),
          ...(state.user === undefined ? {} : { user: state.user }),
        },
        execable: !instruction.heredoc && words.flags.mount === undefined && state.workdir !== '',
      });
    } else if (keyword === 'DEV-CMD-LIVE') liveCommand = commandOf(args, state.shell);
    else if (keyword === 'CMD') runsWith.cmd = args;
    else if (keyword === 'ENTRYPOINT') runsWith.entrypoint = args;
  }
  return {
    name: state.name,
    copies,
    runs,
    liveEnvironment,
    ...(liveCommand === undefined ? {} : { liveCommand }),
    ...runsWith,
    ...(readsWholeContext === undefined ? {} : { readsWholeContext }),
  };
}

function addArg(
  values: Map<string, string>,
  args: string,
  buildArgs: Readonly<Record<string, string>>,
  defaults?: ReadonlyMap<string, string>,
): void {
  for (const word of args.trim().split(/\s+/)) {
    const [name = '', ...rest] = word.split('=');
    if (name === '') continue;
    const declared = rest.length > 0 ? rest.join('=').replace(/^(["'])(.*)\1$/, '$2') : undefined;
    const value = buildArgs[name] ?? declared ?? defaults?.get(name);
    if (value !== undefined) values.set(name, value);
  }
}

/** WORKDIR resolves against the one before; '' stands for a folder only the base image knows. */
function workdirAfter(before: string, dir: string | undefined): string {
  if (dir === undefined) return '';
  if (dir.startsWith('/')) return path.posix.normalize(dir);
  return before === '' ? '' : path.posix.resolve(before, dir);
}
