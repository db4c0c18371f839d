// SPDX-License-Identifier: Apache-2.0
// Reads a supervisor's progress on a posted release: its status polls (appState, a state per
// container) and the system lines of its log stream, where failures arrive ("Failed to start
// service 'web local_image_web:latest' due to '…'"). Pure: the deploy loop feeds it.
import type { SupervisorLogLine } from './log-lines.js';
import type { SupervisorStatus } from './supervisor-client.js';

export interface ApplyFailure {
  /** The service it names, when the supervisor's line names one of ours. */
  readonly service: string | null;
  readonly message: string;
}

/** The supervisor's failure lines start so ("Failed to start service", "Error creating volume"). */
const failurePattern = /^(Failed to |Error )/;

export class ApplyWatch {
  readonly failures: ApplyFailure[] = [];
  private readonly serviceByImage = new Map<string, string>();
  private readonly states = new Map<string, string>();
  private sawApplying = false;
  private completeBefore = false;

  /** `images` maps each service to the image it runs. */
  constructor(
    readonly services: readonly string[],
    images: ReadonlyMap<string, string>,
  ) {
    for (const [service, image] of images) this.serviceByImage.set(image, service);
  }

  /** Records a failure from a system line; returns it so it can be shown at once. */
  noteLog(line: SupervisorLogLine): ApplyFailure | undefined {
    if (!line.isSystem || !failurePattern.test(line.message)) return undefined;
    const failure = { service: this.serviceNamed(line.message), message: line.message };
    this.failures.push(failure);
    return failure;
  }

  /**
   * Takes one status poll; returns the lines worth showing (what changed) and whether the
   * release now runs. Right after a POST the supervisor may still report the previous release
   * as applied, so "done" needs either an `applying` seen before, or two complete polls in a row.
   */
  noteStatus(status: SupervisorStatus): { lines: string[]; done: boolean } {
    const lines: string[] = [];
    const applying = status.appState !== 'applied';
    if (applying && !this.sawApplying) lines.push('The supervisor is applying the release.');
    this.sawApplying ||= applying;
    for (const service of this.services) {
      const state = this.stateOf(status, service);
      if (this.states.get(service) !== state) lines.push(`${service}: ${state}`);
      this.states.set(service, state);
    }
    const complete = !applying && this.services.every((s) => isRunning(this.states.get(s)));
    const done = complete && (this.sawApplying || this.completeBefore);
    this.completeBefore = complete;
    return { lines, done };
  }

  /** "web Installing, db no container yet": the services not running, for a timeout's message. */
  notRunning(): string {
    return this.services
      .filter((service) => !isRunning(this.states.get(service)))
      .map((service) => `${service} ${this.states.get(service) ?? 'not reported'}`)
      .join(', ');
  }

  stateOf(status: SupervisorStatus, service: string): string {
    const container = status.containers.find((c) => c.serviceName === service);
    if (container !== undefined) return container.status;
    const image = status.images.find((i) => i.serviceName === service);
    if (image === undefined) return 'no container yet';
    const progress = image.downloadProgress;
    return typeof progress === 'number' ? `${image.status} ${progress}%` : image.status;
  }

  /** The quoted object of a system line is "service image" for services, "image" for images. */
  private serviceNamed(message: string): string | null {
    const quoted = /'([^']*)'/.exec(message)?.[1];
    if (quoted === undefined) return null;
    const [first = '', second] = quoted.split(' ');
    if (this.services.includes(first) && second !== undefined) return first;
    return this.serviceByImage.get(quoted) ?? (this.services.includes(first) ? first : null);
  }
}

function isRunning(state: string | undefined): boolean {
  return state !== undefined && state.toLowerCase() === 'running';
}
