// SPDX-License-Identifier: Apache-2.0
// What the bench asks of each tool it compares: deploy its own copy of the project, react to
// the bench's saves as that tool does, and say when it has finished reacting.

export interface LivePeer {
  /** As printed in the table. */
  readonly name: string;
  /** This tool's own copy of the project (the bench edits files here). */
  readonly root: string;
  /** The host port its web service is published on. */
  readonly port: number;
  /** Deploys the project and starts watching it (not measured). */
  start(): Promise<void>;
  /**
   * Called right after each save. Tools that watch do nothing here; docker-compose 1.29 has no
   * watch, so its peer starts the rebuild + up a developer would type, with no delay at all.
   */
  saved(): Promise<void>;
  /** Resolves once the tool has finished what the last save set off (before the next save). */
  settle(): Promise<void>;
  /** The id of a service's running container (to tell whether a rebuild replaced only one). */
  containerId(service: string): Promise<string | undefined>;
  /** Failures the tool reported while running (printed, not hidden). */
  readonly errors: string[];
  stop(): Promise<void>;
}
