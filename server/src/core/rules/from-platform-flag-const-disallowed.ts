import { unquote } from '../syntax/words';
import { normalizePlatform, onlyPlatformOf, windowsPlatform } from '../facts/platform';
import type { DockerfileModel, Stage } from '../model';
import { finalImageStages, stagesPickedBy } from '../model/queries';
import { fileRule, type Rule } from './types';

/**
 * Whether the stage is built on the file's own stages, all pinned to the same platform: one stage
 * (`FROM --platform=linux/amd64 base`), or one picked per architecture among several
 * (`FROM --platform=linux/amd64 builder-${TARGETARCH}` over `builder-amd64` and `builder-arm64`,
 * each a cross toolchain on an amd64 host). The pin repeats its parents' and adds no constraint of
 * its own; the parents' pins are judged where they are written.
 */
function repeatsParentPin(model: DockerfileModel, stage: Stage, platform: string): boolean {
  const samePin = (parent: Stage | undefined) =>
    typeof parent?.platform?.value === 'string' &&
    normalizePlatform(parent.platform.value) === normalizePlatform(platform);
  if (stage.base.kind === 'stage') return samePin(model.stages[stage.base.stage]);
  const picked = stagesPickedBy(model, stage);
  return picked.length > 0 && picked.every(samePin);
}

/**
 * Whether the image the file ships is a Windows one (its final stage or a stage it is built on). A
 * Linux stage of such a file is a builder that must stay Linux: built for windows/amd64 without its
 * pin, it would take the Windows variant of its base, where its RUNs cannot run.
 */
function shipsWindows(model: DockerfileModel): boolean {
  return finalImageStages(model).some((s) => windowsPlatform(model, s) !== null);
}

/** How download names spell each architecture, as whole words of the address. */
const ARCH_SPELLINGS: Readonly<Record<string, RegExp>> = {
  amd64: /(^|[^a-z0-9])(amd64|x86_64|x86-64|x64)(?![a-z0-9])/,
  arm64: /(^|[^a-z0-9])(arm64|aarch64|arm64v8)(?![a-z0-9])/,
  '386': /(^|[^a-z0-9])(386|i386|i686)(?![a-z0-9])/,
  ppc64le: /(^|[^a-z0-9])ppc64le(?![a-z0-9])/,
  s390x: /(^|[^a-z0-9])s390x(?![a-z0-9])/,
};

/** 32-bit ARM, which download names rarely spell but stage names do (`AS armv7`). */
const ARM32 = /(^|[^a-z0-9])(arm|armv[5-7]|armhf|armel)(?![a-z0-9])/;

/**
 * Whether a stage's name names an architecture, as a word (`build_arm64`, `aarch64-musl`, `arm`): one
 * of a set of per-platform stages, picked by `FROM build_${TARGETARCH}`. Its pin may be the platform
 * it serves or, for a cross-compiling stage (`--platform=linux/amd64 … AS arm64`), the host of the
 * cross toolchain; either way the author chose it for that one target.
 */
function namesArchitecture(name: string): boolean {
  return ARM32.test(name) || Object.values(ARCH_SPELLINGS).some((re) => re.test(name));
}

/**
 * Whether the stage downloads a prebuilt file for the pinned architecture only: an `http(s)` address
 * in a RUN or ADD that names that architecture (`inspec-5.22.3-1.el7.x86_64.rpm` under linux/amd64)
 * and the stage downloads none for another, with no variable standing for the architecture (`$(uname -m)`, `${TARGETARCH}`).
 * Such a stage works on that platform alone, so the constant is what makes it build elsewhere.
 */
function downloadsForArch(stage: Stage, arch: string): boolean {
  const spelled = ARCH_SPELLINGS[arch];
  if (!spelled) return false;
  const others = Object.entries(ARCH_SPELLINGS).filter(([a]) => a !== arch);
  let named = false;
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'RUN' && instruction.keyword !== 'ADD') continue;
    for (const url of instruction.argsText.match(/https?:\/\/[^\s"'`]+/g) ?? []) {
      if (/\$\{?(TARGETARCH|TARGETPLATFORM|BUILDARCH|ARCH)\b|uname/i.test(url)) continue;
      const address = url.toLowerCase();
      // A download for another architecture too: the stage is not tied to this one.
      if (others.some(([, re]) => re.test(address))) return false;
      if (spelled.test(address)) named = true;
    }
  }
  return named;
}

/**
 * Whether the file is written for the pinned architecture alone: another stage's base image is the
 * tag for that architecture (`dotnet/sdk:10.0-noble-amd64` beside `--platform=linux/amd64`), and no
 * base names another one. Such a file has siblings for the other platforms, if any; the pin agrees
 * with the rest of it.
 */
function fileTaggedForArch(model: DockerfileModel, stage: Stage, arch: string): boolean {
  const spelled = ARCH_SPELLINGS[arch];
  if (!spelled) return false;
  const others = Object.entries(ARCH_SPELLINGS).filter(([a]) => a !== arch);
  let named = false;
  for (const s of model.stages) {
    if (s === stage || s.base.kind !== 'image') continue;
    const tag = s.base.image.tag?.toLowerCase() ?? '';
    if (others.some(([, re]) => re.test(tag)) || ARM32.test(tag)) return false;
    if (spelled.test(tag)) named = true;
  }
  return named;
}

export const fromPlatformFlagConstDisallowed: Rule = fileRule({
  meta: {
    id: 'from-platform-flag-const-disallowed',
    severity: 'information',
    title: 'FROM --platform with a constant value',
    peers: { buildkit: 'FromPlatformFlagConstDisallowed', hadolint: ['DL3029'] },
    docs: {
      what: "Flags `FROM --platform=linux/amd64` and other constant platforms, unless the stage name mentions the platform's OS or architecture (a per-platform stage picked with `FROM build_${TARGETARCH}`) or names another architecture as a word (a cross-compiling stage such as `FROM --platform=linux/amd64 rust-musl-cross:aarch64-musl AS arm64`, whose pin is the host of the cross toolchain), or the base image is published for that one platform only (Docker Hub's per-architecture namespaces such as `arm64v8/alpine`, NVIDIA's Jetson `l4t-*` images, AMD's `rocm/*` images), or the stage downloads a prebuilt file for that architecture only (an address naming `x86_64` or `amd64` under `linux/amd64`, with no variable for the architecture), or the file's other stages are built on that architecture's tags (`dotnet/sdk:10.0-noble-amd64`) and on no other's (a file written for one platform, beside its siblings for the others): such a stage works on that one platform. Nor is a stage flagged whose base is the file's own stages pinned to the same platform (`FROM --platform=linux/amd64 builder-${TARGETARCH}` over per-architecture cross toolchains on an amd64 host): the pin repeats theirs. Nor are stages pinned to one platform that hand files to each other (`COPY --from`, or one built on the other) when one of them needs its pin for a reason above: they build that platform's binaries together (a CI image's `base-builder` that copies Go from a stage fetching the amd64 release, and tools from its other amd64 stages). Nor is a `scratch` stage without RUN flagged (it runs nothing and holds only the files it adds), nor a Linux stage (also one pinned to Linux whose image is named for Windows) whose file ships a Windows image: built for Windows without its pin, the builder would take the Windows variant of its base image, where its RUNs cannot run; nor a `windows/amd64` pin in a file that ships a Windows image, which is built on a Windows host for that one platform.",
      why: 'A constant platform pins the stage to one platform: the Dockerfile can no longer build a multi-platform image, and builds on other machines run under emulation. It is shown as information, not a warning (BuildKit prints it as a build warning): most pins met in real projects are deliberate, for a base image published for one platform only, a binary downloaded for one architecture, or a file written for one platform, and the Dockerfile rarely says which. Reviews of real Dockerfiles judged 11 of 16 such findings false (docs/precision.md).',
      example: 'FROM --platform=linux/amd64 alpine:3.20\nUSER nobody\nCMD ["sh"]\n',
      better: 'FROM alpine:3.20\nUSER nobody\nCMD ["sh"]\n',
    },
  },
  check({ model, report }) {
    const pinned: { stage: Stage; platform: string }[] = [];
    for (const stage of model.stages) {
      const flag = stage.platform;
      if (flag?.value && !flag.value.includes('$'))
        pinned.push({ stage, platform: normalizePlatform(unquote(flag.value)) });
    }
    if (pinned.length === 0) return;
    const windows = shipsWindows(model);
    const tied = new Set<number>();
    const silent = new Set<number>();
    for (const { stage } of pinned) {
      const value = stage.platform!.value!;
      if (pinNeeded(model, stage, value, windows)) tied.add(stage.index);
      // A pin that repeats its parents' adds no constraint of its own; a scratch stage without RUN
      // runs nothing and holds only the files it adds (`ADD` of every architecture's archive, picked
      // later by $TARGETPLATFORM). Neither is flagged, and neither ties the stages it touches.
      else if (
        repeatsParentPin(model, stage, value) ||
        (stage.base.kind === 'scratch' && !stage.instructions.some((i) => i.keyword === 'RUN'))
      )
        silent.add(stage.index);
    }
    // Stages pinned to one platform that hand files to each other (COPY --from, FROM) build one
    // platform's binaries together: when one of them needs the pin (an amd64-only download), the
    // others' pins keep their files for the same platform (`base-builder` copying Go from `go-build`,
    // which fetches the amd64 release, and tools from `rust-build`).
    const platformOf = new Map(pinned.map((p) => [p.stage.index, p.platform]));
    const links: [number, number][] = [];
    for (const ref of model.references) if (ref.target.kind === 'stage') links.push([ref.fromStage, ref.target.stage]);
    for (const { stage } of pinned) if (stage.base.kind === 'stage') links.push([stage.index, stage.base.stage]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [a, b] of links) {
        const pa = platformOf.get(a);
        if (pa === undefined || pa !== platformOf.get(b) || tied.has(a) === tied.has(b)) continue;
        tied.add(tied.has(a) ? b : a);
        grew = true;
      }
    }
    for (const { stage } of pinned) {
      if (tied.has(stage.index) || silent.has(stage.index)) continue;
      const flag = stage.platform!;
      report({
        range: flag.range,
        message: `FROM --platform flag should not use constant value "${unquote(flag.value ?? '')}".`,
      });
    }
  },
});

/** Whether the stage's constant pin is the one platform it can be built for (see the rule's page). */
function pinNeeded(model: DockerfileModel, stage: Stage, platform: string, windows: boolean): boolean {
  const [os = '', arch = ''] = platform.toLowerCase().split('/');
  const name = stage.nameLower ?? '';
  if (name !== '' && ((os !== '' && name.includes(os)) || (arch !== '' && name.includes(arch)))) return true;
  if (namesArchitecture(name)) return true;
  // An image published for this one platform only (arm64v8/alpine, NVIDIA's Jetson images): the
  // constant is the only value the stage can ever build with.
  const image = stage.from.args.find((a) => !a.value.startsWith('--'))?.value;
  const only = image ? onlyPlatformOf(image) : null;
  if (only && normalizePlatform(only) === normalizePlatform(platform)) return true;
  if (downloadsForArch(stage, arch) || fileTaggedForArch(model, stage, arch)) return true;
  if (os === 'linux' && windows && windowsPlatform(model, stage) === null) return true;
  // A Windows pin in a file that ships a Windows image: Windows containers are built on a Windows
  // host for windows/amd64, the one platform they are published for; the pin names that host.
  return os === 'windows' && windows;
}
