/**
 * BuildKit's automatic platform ARGs. BuildKit defines them in the global scope of every build, so
 * an `ARG FLAVOR=${TARGETARCH}` default and a `FROM image:${TARGETOS}` read a value without any
 * `--build-arg`. Their values depend on the platforms of the build; two samples stand for them:
 * one without a variant (linux/amd64) and one with (linux/arm/v7), so that a name is called invalid
 * only when it is invalid on both.
 */
export const AUTOMATIC_PLATFORM_ARG_SAMPLES: readonly ReadonlyMap<string, string>[] = [
  new Map([
    ['TARGETPLATFORM', 'linux/amd64'],
    ['TARGETOS', 'linux'],
    ['TARGETARCH', 'amd64'],
    ['TARGETVARIANT', ''],
    ['BUILDPLATFORM', 'linux/amd64'],
    ['BUILDOS', 'linux'],
    ['BUILDARCH', 'amd64'],
    ['BUILDVARIANT', ''],
  ]),
  new Map([
    ['TARGETPLATFORM', 'linux/arm/v7'],
    ['TARGETOS', 'linux'],
    ['TARGETARCH', 'arm'],
    ['TARGETVARIANT', 'v7'],
    ['BUILDPLATFORM', 'linux/arm/v7'],
    ['BUILDOS', 'linux'],
    ['BUILDARCH', 'arm'],
    ['BUILDVARIANT', 'v7'],
  ]),
];
