/**
 * Short documentation for Dockerfile instructions, their flags and the options of `RUN --mount`, in
 * our own words. Hovers and completion read this table; each entry links to the matching section of
 * Docker's Dockerfile reference.
 */

export const DOCKERFILE_REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

export interface FlagDoc {
  /** Flag name without dashes, lower-case. */
  name: string;
  /** One or two sentences. */
  summary: string;
  /** How the value is written, e.g. `<stage|image>`; null for a flag without a value. */
  value: string | null;
  /** Anchor in the Dockerfile reference. */
  anchor: string;
  /** Whether the flag may be given more than once. */
  repeatable?: boolean;
}

export interface InstructionDoc {
  keyword: string;
  /** Usage line(s). */
  syntax: string;
  summary: string;
  anchor: string;
  flags: FlagDoc[];
}

export interface MountOptionDoc {
  name: string;
  summary: string;
  /** Mount types the option applies to; empty for all. */
  types: string[];
}

const CHOWN: Omit<FlagDoc, 'anchor'> = {
  name: 'chown',
  summary: 'Sets the owner (`user[:group]`, names or numeric ids) of the added files instead of root.',
  value: '<user>[:<group>]',
};
const CHMOD: Omit<FlagDoc, 'anchor'> = {
  name: 'chmod',
  summary: 'Sets the permission bits of the added files, in octal (`755`) or symbolic (`u+x`) notation.',
  value: '<mode>',
};
const LINK: Omit<FlagDoc, 'anchor'> = {
  name: 'link',
  summary:
    'Adds the files as an independent layer that does not depend on the layers below, so it is reused when an earlier step changes and can be rebased without a rebuild.',
  value: null,
};
const EXCLUDE: Omit<FlagDoc, 'anchor'> = {
  name: 'exclude',
  summary: 'Leaves out files matching this pattern (same syntax as `.dockerignore`). Can be given several times.',
  value: '<pattern>',
  repeatable: true,
};

export const INSTRUCTION_DOCS: readonly InstructionDoc[] = [
  {
    keyword: 'FROM',
    syntax: 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]',
    summary:
      'Starts a new build stage on top of an image, an earlier stage or `scratch` (an empty filesystem). `AS <name>` names the stage so later instructions can refer to it. The last stage is the image `docker build` produces unless `--target` picks another.',
    anchor: 'from',
    flags: [
      {
        name: 'platform',
        summary:
          'Builds this stage for another platform (e.g. `linux/arm64`) or, with `$BUILDPLATFORM`, on the platform of the machine that builds.',
        value: '<os>/<arch>[/<variant>]',
        anchor: 'from',
      },
    ],
  },
  {
    keyword: 'RUN',
    syntax: 'RUN [--mount=...] [--network=...] [--security=...] <command>\nRUN ["executable", "arg", ...]',
    summary:
      'Runs a command inside the stage being built and records the changed files as a new layer. The shell form runs through `/bin/sh -c` (or the `SHELL`); heredocs (`<<EOF`) run several lines as one step.',
    anchor: 'run',
    flags: [
      {
        name: 'mount',
        summary:
          'Makes files available to this command only, without adding them to the image: `type=bind` (default; from the context or `from=` a stage), `cache` (kept between builds), `tmpfs`, `secret` and `ssh`.',
        value: 'type=<type>,<option>=<value>,...',
        anchor: 'run---mount',
        repeatable: true,
      },
      {
        name: 'network',
        summary: 'Chooses the network of this command: `default`, `none` (no network at all) or `host`.',
        value: 'default|none|host',
        anchor: 'run---network',
      },
      {
        name: 'device',
        summary: 'Makes a device (by CDI name) available to this command, e.g. a GPU. Needs the device entitlement.',
        value: '<name>[,required=true|false]',
        anchor: 'run---device',
        repeatable: true,
      },
      {
        name: 'security',
        summary:
          '`insecure` runs the command with elevated privileges (needs the `security.insecure` entitlement); `sandbox` is the default.',
        value: 'sandbox|insecure',
        anchor: 'run---security',
      },
    ],
  },
  {
    keyword: 'CMD',
    syntax: 'CMD ["executable", "arg", ...]\nCMD command arg ...',
    summary:
      'Sets the default command (or the default arguments of `ENTRYPOINT`) of a container started from the image. Only the last `CMD` counts; it runs nothing at build time.',
    anchor: 'cmd',
    flags: [],
  },
  {
    keyword: 'LABEL',
    syntax: 'LABEL <key>=<value> ...',
    summary: 'Adds metadata key/value pairs to the image. Labels of the base image are inherited.',
    anchor: 'label',
    flags: [],
  },
  {
    keyword: 'MAINTAINER',
    syntax: 'MAINTAINER <name>',
    summary: 'Deprecated way to record the author; use `LABEL org.opencontainers.image.authors=...` instead.',
    anchor: 'maintainer-deprecated',
    flags: [],
  },
  {
    keyword: 'EXPOSE',
    syntax: 'EXPOSE <port>[/<protocol>] ...',
    summary:
      'Documents the ports the application listens on. It publishes nothing by itself: `docker run -p` does that.',
    anchor: 'expose',
    flags: [],
  },
  {
    keyword: 'ENV',
    syntax: 'ENV <key>=<value> ...',
    summary:
      'Sets environment variables for the rest of this stage, for stages built `FROM` it, and for containers started from the image.',
    anchor: 'env',
    flags: [],
  },
  {
    keyword: 'ADD',
    syntax: 'ADD [--chown=...] [--chmod=...] [--link] [--checksum=...] <src>... <dest>',
    summary:
      'Like `COPY`, but sources may also be URLs or Git repositories, and local tar archives are unpacked. Prefer `COPY` for plain files.',
    anchor: 'add',
    flags: [
      { ...CHOWN, anchor: 'add---chown---chmod' },
      { ...CHMOD, anchor: 'add---chown---chmod' },
      { ...LINK, anchor: 'add---link' },
      { ...EXCLUDE, anchor: 'add---exclude' },
      {
        name: 'checksum',
        summary: 'Verifies a remote source against a digest (`sha256:...`) and fails the build when it differs.',
        value: '<algorithm>:<hash>',
        anchor: 'add---checksum',
      },
      {
        name: 'keep-git-dir',
        summary: 'Keeps the `.git` directory when the source is a Git repository.',
        value: null,
        anchor: 'add---keep-git-dir',
      },
      {
        name: 'unpack',
        summary:
          'Whether a tar archive is extracted into the destination (`true`) or added as a file (`false`); by default only local archives are extracted.',
        value: 'true|false',
        anchor: 'add---unpack',
      },
    ],
  },
  {
    keyword: 'COPY',
    syntax: 'COPY [--from=<stage>] [--chown=...] [--chmod=...] [--link] <src>... <dest>',
    summary:
      'Copies files into the stage being built. Without `--from` the sources come from the build context; relative destinations are resolved against the `WORKDIR`.',
    anchor: 'copy',
    flags: [
      {
        name: 'from',
        summary:
          'Copies from an earlier stage (by name or index), an image, or a named build context instead of the build context. Relative sources are read from the root (`/`) of that stage, not from its `WORKDIR`; only the listed paths are copied.',
        value: '<stage|image|context>',
        anchor: 'copy---from',
      },
      { ...CHOWN, anchor: 'copy---chown---chmod' },
      { ...CHMOD, anchor: 'copy---chown---chmod' },
      { ...LINK, anchor: 'copy---link' },
      {
        name: 'parents',
        summary: 'Keeps the directory structure of the sources below the destination instead of flattening it.',
        value: null,
        anchor: 'copy---parents',
      },
      { ...EXCLUDE, anchor: 'copy---exclude' },
    ],
  },
  {
    keyword: 'ENTRYPOINT',
    syntax: 'ENTRYPOINT ["executable", "arg", ...]\nENTRYPOINT command arg ...',
    summary:
      'Sets the program a container of this image runs; `CMD` then supplies its default arguments. The exec (JSON) form lets it receive signals directly.',
    anchor: 'entrypoint',
    flags: [],
  },
  {
    keyword: 'VOLUME',
    syntax: 'VOLUME ["/path", ...]',
    summary:
      'Declares a mount point for data that should live outside the container. Changes made to that path by later build steps are discarded.',
    anchor: 'volume',
    flags: [],
  },
  {
    keyword: 'USER',
    syntax: 'USER <user>[:<group>]',
    summary:
      'Sets the user (and group) for the following `RUN`, `CMD` and `ENTRYPOINT` of this stage and for containers of the image.',
    anchor: 'user',
    flags: [],
  },
  {
    keyword: 'WORKDIR',
    syntax: 'WORKDIR <path>',
    summary:
      'Sets the working directory for the following instructions of this stage (created if missing). A relative path is resolved against the previous `WORKDIR`.',
    anchor: 'workdir',
    flags: [],
  },
  {
    keyword: 'ARG',
    syntax: 'ARG <name>[=<default>] ...',
    summary:
      'Declares a build argument, set with `docker build --build-arg`. Before the first `FROM` it can be used in `FROM` lines; inside a stage it is visible from this line to the end of the stage. Not kept in the image.',
    anchor: 'arg',
    flags: [],
  },
  {
    keyword: 'ONBUILD',
    syntax: 'ONBUILD <instruction>',
    summary: 'Records an instruction that runs later, when another build uses this image as its base.',
    anchor: 'onbuild',
    flags: [],
  },
  {
    keyword: 'STOPSIGNAL',
    syntax: 'STOPSIGNAL <signal>',
    summary: 'Sets the signal sent to stop a container of this image (default `SIGTERM`).',
    anchor: 'stopsignal',
    flags: [],
  },
  {
    keyword: 'HEALTHCHECK',
    syntax: 'HEALTHCHECK [--interval=...] [--timeout=...] [--retries=...] CMD <command>\nHEALTHCHECK NONE',
    summary:
      'Tells the container runtime how to test that a container still works; `NONE` turns off a check inherited from the base image.',
    anchor: 'healthcheck',
    flags: [
      {
        name: 'interval',
        summary: 'Time between two checks (default `30s`).',
        value: '<duration>',
        anchor: 'healthcheck',
      },
      {
        name: 'timeout',
        summary: 'A check that takes longer counts as failed (default `30s`).',
        value: '<duration>',
        anchor: 'healthcheck',
      },
      {
        name: 'start-period',
        summary: 'Start-up time during which failed checks do not count (default `0s`).',
        value: '<duration>',
        anchor: 'healthcheck',
      },
      {
        name: 'start-interval',
        summary: 'Time between checks during the start period (default `5s`).',
        value: '<duration>',
        anchor: 'healthcheck',
      },
      {
        name: 'retries',
        summary: 'Consecutive failures before the container is unhealthy (default `3`).',
        value: '<n>',
        anchor: 'healthcheck',
      },
    ],
  },
  {
    keyword: 'SHELL',
    syntax: 'SHELL ["executable", "parameters"]',
    summary: 'Replaces the shell that runs the shell form of `RUN`, `CMD` and `ENTRYPOINT` for the rest of the stage.',
    anchor: 'shell',
    flags: [],
  },
];

export const MOUNT_OPTIONS: readonly MountOptionDoc[] = [
  { name: 'type', summary: 'Kind of mount: `bind` (default), `cache`, `tmpfs`, `secret` or `ssh`.', types: [] },
  {
    name: 'target',
    summary: "Where the mount appears inside the command's filesystem.",
    types: ['bind', 'cache', 'tmpfs', 'secret', 'ssh'],
  },
  {
    name: 'source',
    summary: 'Path inside `from` (or the build context) to mount; defaults to its root.',
    types: ['bind', 'cache'],
  },
  {
    name: 'from',
    summary: 'Stage, image or build context to mount from (for `cache`: to seed the cache from).',
    types: ['bind', 'cache'],
  },
  {
    name: 'rw',
    summary: 'Lets the command write to a bind mount; the writes are thrown away afterwards.',
    types: ['bind'],
  },
  { name: 'readonly', summary: 'Mounts read-only.', types: ['bind', 'cache'] },
  {
    name: 'id',
    summary: 'Identifies a cache or secret; caches with the same id are shared.',
    types: ['cache', 'secret', 'ssh'],
  },
  {
    name: 'sharing',
    summary: 'How concurrent builds share a cache: `shared` (default), `private` or `locked`.',
    types: ['cache'],
  },
  { name: 'mode', summary: 'Permission bits of the mount, in octal.', types: ['cache', 'secret', 'ssh'] },
  { name: 'uid', summary: 'Numeric owner of the mount.', types: ['cache', 'secret', 'ssh'] },
  { name: 'gid', summary: 'Numeric group of the mount.', types: ['cache', 'secret', 'ssh'] },
  {
    name: 'required',
    summary: 'Fails the build when the secret or SSH agent is not provided.',
    types: ['secret', 'ssh'],
  },
  { name: 'env', summary: 'Exposes the secret as this environment variable instead of a file.', types: ['secret'] },
  { name: 'size', summary: 'Upper limit of the tmpfs size.', types: ['tmpfs'] },
];

const BY_KEYWORD = new Map(INSTRUCTION_DOCS.map((d) => [d.keyword, d]));

export function instructionDoc(keyword: string): InstructionDoc | undefined {
  return BY_KEYWORD.get(keyword.toUpperCase());
}

export function flagDoc(keyword: string, flag: string): FlagDoc | undefined {
  return instructionDoc(keyword)?.flags.find((f) => f.name === flag.toLowerCase());
}

export function referenceLink(anchor: string): string {
  return `${DOCKERFILE_REFERENCE}#${anchor}`;
}
