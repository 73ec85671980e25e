import { WELL_KNOWN_IMAGES } from './well-known-images';

/**
 * Docker Hub's official images (the `library/` namespace), current and deprecated ones that can
 * still be pulled. A bare image name (`FROM node`, `docker.io/library/node`) is served by Docker
 * Hub only when it is one of these; any other bare word (`FROM base`, an `ARG` default such as
 * `placeholder`) is a named build context, an image built on the same machine, or a placeholder the
 * build always overrides.
 */
const OFFICIAL_IMAGES: ReadonlySet<string> = new Set([
  'adminer',
  'aerospike',
  'almalinux',
  'alpine',
  'alt',
  'amazoncorretto',
  'amazonlinux',
  'api-firewall',
  'arangodb',
  'archlinux',
  'backdrop',
  'bash',
  'bonita',
  'buildpack-deps',
  'busybox',
  'caddy',
  'cassandra',
  'centos',
  'chronograf',
  'cirros',
  'clearlinux',
  'clefos',
  'clickhouse',
  'clojure',
  'composer',
  'consul',
  'convertigo',
  'couchbase',
  'couchdb',
  'crate',
  'crux',
  'dart',
  'debian',
  'docker',
  'drupal',
  'eclipse-mosquitto',
  'eclipse-temurin',
  'eggdrop',
  'elasticsearch',
  'elixir',
  'emqx',
  'erlang',
  'euleros',
  'fedora',
  'flink',
  'fluentd',
  'friendica',
  'gazebo',
  'gcc',
  'geonetwork',
  'ghost',
  'golang',
  'gradle',
  'groovy',
  'haproxy',
  'haskell',
  'haxe',
  'hello-world',
  'hitch',
  'httpd',
  'hylang',
  'ibm-semeru-runtimes',
  'ibmjava',
  'influxdb',
  'irssi',
  'java',
  'jenkins',
  'jetty',
  'joomla',
  'jruby',
  'julia',
  'kapacitor',
  'kibana',
  'kong',
  'krakend',
  'lightstreamer',
  'liquibase',
  'logstash',
  'mageia',
  'mariadb',
  'matomo',
  'maven',
  'mediawiki',
  'memcached',
  'mongo',
  'mongo-express',
  'monica',
  'mono',
  'mysql',
  'nats',
  'nats-streaming',
  'neo4j',
  'neurodebian',
  'nextcloud',
  'nginx',
  'node',
  'notary',
  'odoo',
  'open-liberty',
  'openjdk',
  'opensuse',
  'oraclelinux',
  'orientdb',
  'owncloud',
  'percona',
  'perl',
  'photon',
  'php',
  'php-zendserver',
  'phpmyadmin',
  'piwik',
  'plone',
  'postfixadmin',
  'postgres',
  'pypy',
  'python',
  'r-base',
  'rabbitmq',
  'rakudo-star',
  'redis',
  'redmine',
  'registry',
  'rethinkdb',
  'rocket.chat',
  'rockylinux',
  'ros',
  'ruby',
  'rust',
  'sapmachine',
  'satosa',
  'scratch',
  'sentry',
  'silverpeas',
  'sl',
  'solr',
  'sonarqube',
  'sourcemage',
  'spark',
  'spiped',
  'storm',
  'swarm',
  'swift',
  'swipl',
  'teamspeak',
  'telegraf',
  'thrift',
  'tomcat',
  'tomee',
  'traefik',
  'ubuntu',
  'unit',
  'varnish',
  'vault',
  'websphere-liberty',
  'wordpress',
  'xwiki',
  'yourls',
  'znc',
  'zookeeper',
]);

/** An image as the model splits it: the registry host (null for Docker Hub) and the name. */
interface ImageName {
  registry: string | null;
  name: string;
}

/** Docker Hub's own registry names (`docker.io`, `index.docker.io`, `registry-1.docker.io`). */
export const DOCKER_HUB = /^(index\.|registry-1\.)?docker\.io$/;

/** The official image a Docker Hub reference stands for (`node`, `docker.io/library/node`), or null. */
function libraryName({ registry, name }: ImageName): string | null {
  if (registry !== null && !DOCKER_HUB.test(registry.toLowerCase())) return null;
  const n = name.toLowerCase().replace(/^library\//, '');
  return n.includes('/') ? null : n;
}

/**
 * Whether an image is a bare word Docker Hub does not serve: not an official image, so not
 * something a registry pulls as `latest`.
 */
export function isUnservedBareName(image: ImageName): boolean {
  const bare = libraryName(image);
  return bare !== null && bare !== '' && !OFFICIAL_IMAGES.has(bare) && !WELL_KNOWN_IMAGES.has(bare);
}

/**
 * Whether an image's configuration (its working directory, its user) is known to be Docker's
 * defaults unless this project's knowledge says otherwise: a Docker Hub official or well-known image
 * (also through the official images' mirrors on Amazon ECR Public and mirror.gcr.io), Microsoft's
 * .NET and Windows images, distroless and Red Hat's UBI. Any other image (a vendor's, a project's
 * own, `ghcr.io/org/base`) may set a WORKDIR or a USER of its own that the Dockerfile does not show.
 */
export function configurationKnown(image: ImageName): boolean {
  const host = (image.registry ?? 'docker.io').toLowerCase();
  const name = image.name.toLowerCase().replace(/["']/g, '');
  const bare = libraryName(image);
  if (bare !== null) return OFFICIAL_IMAGES.has(bare) || WELL_KNOWN_IMAGES.has(bare);
  if (host === 'public.ecr.aws' && name.startsWith('docker/library/')) return true;
  if (host === 'mirror.gcr.io' && (name.startsWith('library/') || !name.includes('/'))) return true;
  if (host === 'mcr.microsoft.com') return /^(dotnet|windows|powershell)\//.test(name);
  if (host === 'gcr.io' && name.startsWith('distroless/')) return true;
  if (host === 'registry.access.redhat.com' || host === 'registry.redhat.io') return /^ubi\d+/.test(name);
  return DOCKER_HUB.test(host) && /^redhat\/ubi\d+/.test(name);
}

/**
 * A last name part that ends in a distribution's or a language's major release, maybe followed by
 * words that only name a variant (`alpine-3`, `debian12`, `node-18-alpine`, `eclipse-temurin-11-jdk`).
 * `el8` is the Enterprise Linux release as RPM names it, `cc7` CERN CentOS 7 (`cern/cc7-base`).
 */
const RELEASE_SUFFIX =
  /(^|[-_.])(alpine|debian|ubuntu|centos|rocky|rockylinux|alma|almalinux|fedora|rhel|el|cc|ubi|amazonlinux|node|nodejs|python|ruby|php|golang|go|java|jdk|jre|openjdk|temurin|dotnet)[-_]?\d+(?:[._]\d+){0,2}([-_](jdk|jre|alpine|slim|bookworm|bullseye|buster|trixie|jammy|noble|focal|minimal|headless|full|base|runtime|sdk))*$/;

/**
 * PyPA's wheel-building images on quay.io, named for the platform policy they build for (PEP 599's
 * `manylinux2014`, PEP 600's `manylinux_2_28`, PEP 656's `musllinux_1_2`) and an architecture.
 * Their tags are dated rebuilds of that one policy.
 */
const PYPA_PLATFORM_IMAGE =
  /^pypa\/(manylinux(1|2010|2014)|manylinux_\d+_\d+|musllinux_\d+_\d+)_(x86_64|i686|aarch64|ppc64le|s390x|armv7l|riscv64)$/;

/**
 * Images whose name carries the release and whose tags only pick a variant or a later build of
 * that release: distroless (`gcr.io/distroless/static-debian12`, tags `latest`, `nonroot`, `debug`)
 * and Red Hat's Universal Base Images (`registry.access.redhat.com/ubi9-minimal`,
 * `ubi9/ubi-minimal`, `redhat/ubi9`: untagged or `latest`, they move within RHEL 9's minor releases,
 * as a floating major tag such as `node:22` does). Untagged or `latest`, they are as pinned as
 * `debian:12`. So are images whose last name part ends in a distribution's or a language's major
 * release, maybe with variant words after it (`registry.example.org/library/alpine-3`,
 * `myorg/node-18-alpine`, `myorg/eclipse-temurin-11-jdk`): a project's own rebuild of that
 * release, whose `latest` moves within it. AlmaLinux's variant images (`almalinux/8-minimal`) are
 * named for their release too. And PyPA's manylinux and musllinux images
 * (`quay.io/pypa/manylinux2014_x86_64`), named for the platform policy they build wheels for.
 */
export function releaseInName({ registry, name }: ImageName): boolean {
  const host = (registry ?? 'docker.io').toLowerCase();
  const n = name.toLowerCase().replace(/["']/g, '');
  if (/(^|\/)distroless\/[^/]+-debian\d+$/.test(n)) return true;
  // AlmaLinux's own variant images, named for the major release (`almalinux/8-minimal`,
  // `quay.io/almalinuxorg/9-base`): `latest` moves within AlmaLinux 8, as UBI's does within RHEL 8.
  if (/^(almalinux|almalinuxorg)\/\d+(-(base|minimal|micro|init))?$/.test(n)) return true;
  if (host === 'quay.io' && PYPA_PLATFORM_IMAGE.test(n)) return true;
  if (n.includes('/') && RELEASE_SUFFIX.test(n.slice(n.lastIndexOf('/') + 1))) return true;
  const ubi = /^(ubi\d+(-[a-z0-9]+)?|ubi\d+\/[^/]+)$/;
  if (host === 'registry.access.redhat.com' || host === 'registry.redhat.io') return ubi.test(n);
  return DOCKER_HUB.test(host) && n.startsWith('redhat/') && ubi.test(n.slice('redhat/'.length));
}
