/**
 * Images that are published for one platform only, so a stage built on one can only ever run there:
 * Docker Hub's per-architecture namespaces (`arm64v8/alpine` is the arm64 build of the official
 * image, `amd64/debian` the amd64 one), NVIDIA's L4T images, built for Jetson boards (arm64), and
 * AMD's ROCm images (amd64).
 * Repository names are matched without the registry, lower case.
 */
export const SINGLE_PLATFORM_IMAGES: readonly { repository: RegExp; platform: string }[] = [
  { repository: /^amd64\//, platform: 'linux/amd64' },
  { repository: /^arm64v8\//, platform: 'linux/arm64' },
  { repository: /^arm32v7\//, platform: 'linux/arm/v7' },
  { repository: /^arm32v6\//, platform: 'linux/arm/v6' },
  { repository: /^arm32v5\//, platform: 'linux/arm/v5' },
  { repository: /^i386\//, platform: 'linux/386' },
  { repository: /^ppc64le\//, platform: 'linux/ppc64le' },
  { repository: /^s390x\//, platform: 'linux/s390x' },
  { repository: /^riscv64\//, platform: 'linux/riscv64' },
  { repository: /^mips64le\//, platform: 'linux/mips64le' },
  { repository: /^winamd64\//, platform: 'windows/amd64' },
  { repository: /^nvidia\/l4t-/, platform: 'linux/arm64' },
  // AMD's ROCm images on Docker Hub (`rocm/dev-ubuntu-22.04`, `rocm/pytorch`): ROCm is built for x86-64.
  { repository: /^rocm\//, platform: 'linux/amd64' },
];
