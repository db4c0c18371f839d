// SPDX-License-Identifier: Apache-2.0
// What the unprivileged engine and the privileged writer say to each other over the writer's
// stdio, one JSON object per line. Every message carries the run's secret token: the writer
// ignores input without it, and the engine ignores output without it (a library printing to
// stdout cannot fake a result).
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { ErrorInfo } from '../../../shared/errors.js';

export const WriterPhase = z.enum([
  'unmounting',
  'downloading',
  'decompressing',
  'flashing',
  'syncing',
  'verifying',
  'configuring',
  'reading back',
]);
export type WriterPhase = z.infer<typeof WriterPhase>;

export const WriterTarget = z.object({
  device: z.string(),
  size: z.number().nonnegative(),
  /** Where the drive is mounted now: unmounted before anything is written. */
  mountpoints: z.array(z.string()).default([]),
});

export const BootFileMessage = z.object({ path: z.string(), content: z.string() });

export const WriterRequest = z.object({
  type: z.literal('start'),
  token: z.string().min(32),
  image: z.string(),
  /**
   * The engine's TMPDIR: the writer makes its private folder there (pkexec and sudo drop the
   * environment, so the writer's own would be root's).
   */
  tmpdir: z.string().refine(isAbsolute, 'an absolute path'),
  targets: z.array(WriterTarget).min(1),
  verify: z.boolean(),
  trim: z.boolean(),
  bmap: z.string().optional(),
  /** Index of the boot partition in the image's table (config goes there after the write). */
  bootPartition: z.number().int().positive().optional(),
  /** Files per target, in target order; null for a target left unconfigured. */
  files: z.array(z.array(BootFileMessage).nullable()),
});
export type WriterRequest = z.infer<typeof WriterRequest>;

export const WriterCommand = z.discriminatedUnion('type', [
  WriterRequest,
  z.object({ type: z.literal('cancel'), token: z.string() }),
]);
export type WriterCommand = z.infer<typeof WriterCommand>;

export const WriterMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), token: z.string() }),
  z.object({
    type: z.literal('phase'),
    token: z.string(),
    phase: WriterPhase,
    /** The target this is about; absent when it concerns all running targets. */
    target: z.string().optional(),
  }),
  z.object({
    type: z.literal('progress'),
    token: z.string(),
    phase: WriterPhase,
    target: z.string().optional(),
    done: z.number().nonnegative(),
    total: z.number().nonnegative().optional(),
  }),
  z.object({
    type: z.literal('target-done'),
    token: z.string(),
    target: z.string(),
    verified: z.boolean(),
    configVerified: z.boolean(),
  }),
  z.object({
    type: z.literal('target-failed'),
    token: z.string(),
    target: z.string(),
    error: ErrorInfo,
  }),
  z.object({
    type: z.literal('done'),
    token: z.string(),
    imageChecksum: z.string(),
    bytesWritten: z.number().nonnegative(),
    sparse: z.boolean(),
  }),
  z.object({ type: z.literal('fatal'), token: z.string(), error: ErrorInfo }),
]);
export type WriterMessage = z.infer<typeof WriterMessage>;

/** A message without its token, as the writer composes it before sending. */
export type WriterOutput = WriterMessage extends infer M
  ? M extends { token: string }
    ? Omit<M, 'token'>
    : never
  : never;

/**
 * One line from the writer as a message of this run, or undefined: not JSON, not a message,
 * or without the run's token (what a library printed, or an attempt to fake a result).
 */
export function parseWriterMessage(line: string, token: string): WriterMessage | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = WriterMessage.safeParse(raw);
  return parsed.success && parsed.data.token === token ? parsed.data : undefined;
}
