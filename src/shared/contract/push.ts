// SPDX-License-Identifier: Apache-2.0
// What the faces show of a project before it is pushed: its services, how each is built (the
// Dockerfile chosen, whether it was a template and with which values), the context sizes, and
// the notes a person should read. Commands that return it come with the push commands.
import { z } from 'zod';

/** balena's names for what an image is built for. */
export const PushTarget = z.object({
  /** amd64, aarch64, armv7hf, rpi, i386. */
  arch: z.string(),
  /** balena device type slug: raspberrypi4-64, generic-amd64... */
  deviceType: z.string(),
});
export type PushTarget = z.infer<typeof PushTarget>;

/** Something the person should read before pushing; warnings are printed, never asked. */
export const ProjectNote = z.object({
  level: z.enum(['info', 'warning']),
  message: z.string(),
});
export type ProjectNote = z.infer<typeof ProjectNote>;

export const ProjectBuildSummary = z.object({
  /** The build context, relative to the project root ("." for the root). */
  context: z.string(),
  /** The Dockerfile chosen, relative to the context (Dockerfile.<deviceType> > .<arch> > .template > Dockerfile). */
  dockerfile: z.string(),
  fromTemplate: z.boolean(),
  /** The %%VARIABLE%% values a template was expanded with; empty for a plain Dockerfile. */
  templateValues: z.record(z.string(), z.string()),
  /** The Dockerfile as it is sent to the engine. */
  dockerfileText: z.string(),
  args: z.record(z.string(), z.string()),
  target: z.string().optional(),
  /** What goes to the engine, after .dockerignore. */
  contextFiles: z.number().int().nonnegative(),
  contextBytes: z.number().int().nonnegative(),
});
export type ProjectBuildSummary = z.infer<typeof ProjectBuildSummary>;

export const ProjectServiceSummary = z.object({
  name: z.string(),
  /** The image run: the local build's tag, or the compose `image:`. */
  image: z.string(),
  /** Present when the service is built; absent for an image-only service. */
  build: ProjectBuildSummary.optional(),
  dependsOn: z.array(z.string()),
  /** Published ports as "[ip:]published:target/protocol", for display. */
  ports: z.array(z.string()),
  networkMode: z.string().optional(),
});
export type ProjectServiceSummary = z.infer<typeof ProjectServiceSummary>;

export const ProjectSummary = z.object({
  /** Absolute path of the project folder, on the machine running the engine. */
  root: z.string(),
  name: z.string(),
  /** Compose files read, base first; empty when the project is a bare Dockerfile folder. */
  composeFiles: z.array(z.string()),
  target: PushTarget,
  services: z.array(ProjectServiceSummary),
  /** Sum of every build context, in bytes. */
  contextBytes: z.number().int().nonnegative(),
  notes: z.array(ProjectNote),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;
