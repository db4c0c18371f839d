// SPDX-License-Identifier: Apache-2.0
// The one model of a project between loading it (project/) and running it (build/, deploy/).
// Loading turns a compose file, or a bare Dockerfile folder, into this; nothing after it reads
// YAML or knows compose's many spellings (short port syntax, list-or-map environment...).

/** What a project is, after parsing, interpolation, validation and template resolution. */
export interface Composition {
  /** Project name: compose's `name`, else the folder's name, lower-cased to [a-z0-9_-]. */
  readonly name: string;
  /** Absolute path of the project folder. */
  readonly root: string;
  /** In depends_on order is not implied; deploy orders them. */
  readonly services: readonly ServiceSpec[];
  /** Networks the project declares (the default network is implied, not listed). */
  readonly networks: Readonly<Record<string, NetworkSpec>>;
  /** Named volumes the project declares. */
  readonly volumes: Readonly<Record<string, VolumeSpec>>;
  /** What the Dockerfiles were chosen and expanded for; builds are valid on boards of this target only. */
  readonly target?: BuildTarget;
}

export interface NetworkSpec {
  readonly driver?: string;
  /** An existing network on the board, not created or removed by a push. */
  readonly external: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export interface VolumeSpec {
  readonly driver?: string;
  readonly external: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

/** How to build a service's image on the board's engine. */
export interface BuildSpec {
  /** Absolute folder sent as the build context; always inside the project root. */
  readonly context: string;
  /** The Dockerfile chosen (Dockerfile.<deviceType> > .<arch> > .template > Dockerfile), relative to context. */
  readonly dockerfile: string;
  /** The text sent as the Dockerfile: the template expanded, or the file as it is. */
  readonly dockerfileText: string;
  /** True when dockerfileText came from a template (so the UI can show the resolved file). */
  readonly fromTemplate: boolean;
  readonly args: Readonly<Record<string, string>>;
  readonly target?: string;
  /** The project folder: symlinks in the context may not lead outside it. Default: context. */
  readonly projectRoot?: string;
  /**
   * The folder whose `.dockerignore` filters this context, its patterns relative to that folder:
   * the project root, or the context itself with multi-dockerignore. Default: projectRoot.
   */
  readonly dockerignoreDir?: string;
}

export interface PortSpec {
  /** Host address to bind, when given (e.g. "127.0.0.1"). */
  readonly hostIp?: string;
  /** Published port on the board; undefined means expose only or an engine-chosen port. */
  readonly published?: number;
  readonly target: number;
  readonly protocol: 'tcp' | 'udp';
}

export interface MountSpec {
  readonly type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name (project-relative, as declared) or absolute host path for a bind. */
  readonly source?: string;
  readonly target: string;
  readonly readOnly: boolean;
}

export interface ServiceSpec {
  readonly name: string;
  /** Set when the service is built; the image then is local_image_<service>:latest (balena's name). */
  readonly build?: BuildSpec;
  /** The image to run: the built tag, or the compose `image:` for image-only services. */
  readonly image: string;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly PortSpec[];
  readonly expose: readonly number[];
  readonly mounts: readonly MountSpec[];
  /**
   * Project networks this service joins, by their declared names, with aliases. Empty when the
   * compose file lists none: the service is then on the project's default network, as in compose.
   */
  readonly networks: Readonly<Record<string, { readonly aliases: readonly string[] }>>;
  /** compose's network_mode ("host", "bridge", "none", "service:x"); replaces networks. */
  readonly networkMode?: string;
  readonly restart: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  readonly privileged: boolean;
  readonly tty: boolean;
  /** Run an init as PID 1 (default true here, unlike compose: see the Push issue). */
  readonly init: boolean;
  readonly devices: readonly string[];
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly dependsOn: readonly string[];
  readonly workingDir?: string;
  readonly user?: string;
  readonly stopSignal?: string;
  /** Everything of the compose service as parsed, minus x- keys, for the supervisor's target state. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Values that fill %%BALENA_*%% template variables and choose Dockerfile.<x> files. */
export interface BuildTarget {
  /** balena's arch name: amd64, aarch64, armv7hf, rpi, i386. */
  readonly arch: string;
  /** balena device type slug, e.g. raspberrypi4-64, generic-amd64. */
  readonly deviceType: string;
}

/** Labels Benchtop puts on everything it creates on a plain engine, so later pushes find it. */
export const pushLabels = {
  project: 'io.benchtop.project',
  service: 'io.benchtop.service',
  /** A hash of the service's run configuration and image id: a re-push replaces only what changed. */
  configHash: 'io.benchtop.config-hash',
} as const;
