// SPDX-License-Identifier: Apache-2.0
import type { z } from 'zod';
import { appCommands, appEventKeys, appEvents } from './app.js';
import type { CommandSpec } from './define.js';
import { devicesCommands, devicesEvents } from './devices.js';
import { flashCommands, flashEvents } from './flash.js';
import { groupCommands, groupEventKeys, groupEvents } from './group.js';
import { inventoryCommands, inventoryEvents } from './inventory.js';
import { liveCommands, liveEventKeys, liveEvents } from './live.js';
import { pushCommands, pushEventKeys, pushEvents } from './push.js';
import { serialCommands, serialEventKeys, serialEvents } from './serial.js';
import { shellCommands, shellEventKeys, shellEvents } from './shell.js';
import { usersCommands, usersEvents } from './users.js';

export * from './app.js';
export * from './flash.js';
export * from './group.js';
export type { CommandSpec } from './define.js';
export * from './devices.js';
export * from './inventory.js';
export * from './live.js';
export * from './push.js';
export * from './serial.js';
export * from './shell.js';
export * from './users.js';

/** Every command of Benchtop. A capability adds its map here, and nothing else changes. */
export const commands = {
  ...appCommands,
  ...devicesCommands,
  ...flashCommands,
  ...groupCommands,
  ...inventoryCommands,
  ...liveCommands,
  ...pushCommands,
  ...serialCommands,
  ...shellCommands,
  ...usersCommands,
} satisfies Record<string, CommandSpec>;

/** Every event main pushes to the faces. */
export const events = {
  ...appEvents,
  ...devicesEvents,
  ...flashEvents,
  ...groupEvents,
  ...inventoryEvents,
  ...liveEvents,
  ...pushEvents,
  ...serialEvents,
  ...shellEvents,
  ...usersEvents,
} satisfies Record<string, z.ZodType>;

/**
 * Per event, the payload field that names what it is about (a console session, a job; later a
 * push project). A subscription may carry a key; the engine then sends it only the events whose
 * field holds that key. Events left out here have no key: every subscriber gets them.
 */
export const eventKeys: EventKeys = {
  ...appEventKeys,
  ...groupEventKeys,
  ...liveEventKeys,
  ...pushEventKeys,
  ...serialEventKeys,
  ...shellEventKeys,
};

/** A key field must be a string field of the event's payload: TypeScript checks each entry. */
type EventKeys = {
  [E in EventName]?: {
    [F in keyof EventPayload<E>]: EventPayload<E>[F] extends string ? F : never;
  }[keyof EventPayload<E>];
};

export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** What a caller sends (defaults may be left out). */
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type CommandArgs<K extends CommandName> = z.output<Commands[K]['input']>;
export type CommandResult<K extends CommandName> = z.output<Commands[K]['result']>;

/** The commands that start a job (declared with `job: ResultSchema`). */
export type JobCommandName = {
  [K in CommandName]: [JobSchema<K>] extends [never] ? never : K;
}[CommandName];
type JobSchema<K extends CommandName> = Exclude<Commands[K]['job'], undefined>;
/** What the job a command starts ends with. */
export type JobResult<K extends JobCommandName> = z.output<JobSchema<K>>;
/** Each job kind (the name of the command that starts it) and its result: what JobRunner runs. */
export type JobResults = { [K in JobCommandName]: JobResult<K> };

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const isCommandName = (name: string): name is CommandName =>
  Object.prototype.hasOwnProperty.call(commands, name);
export const isEventName = (name: string): name is EventName =>
  Object.prototype.hasOwnProperty.call(events, name);
