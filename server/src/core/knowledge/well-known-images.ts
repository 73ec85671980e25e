/**
 * Official and widely used image names. A `--from` value equal to one of these reads an image on
 * purpose; an unknown bare word that resembles a stage name is more likely a typo.
 */
export const WELL_KNOWN_IMAGES: ReadonlySet<string> = new Set([
  'alpine', 'amazoncorretto', 'amazonlinux', 'archlinux', 'bash', 'buildpack-deps', 'busybox', 'caddy',
  'centos', 'clojure', 'composer', 'debian', 'docker', 'eclipse-temurin', 'elixir', 'erlang', 'fedora',
  'gcc', 'golang', 'gradle', 'haproxy', 'haskell', 'httpd', 'ibmjava', 'jetty', 'julia', 'kong', 'maven',
  'mariadb', 'memcached', 'mongo', 'mysql', 'nginx', 'node', 'openjdk', 'oraclelinux', 'perl', 'php',
  'postgres', 'pypy', 'python', 'rabbitmq', 'redis', 'registry', 'rockylinux', 'ruby', 'rust', 'sapmachine',
  'scratch', 'swift', 'tomcat', 'traefik', 'ubuntu', 'almalinux', 'ibm-semeru-runtimes', 'dart', 'groovy',
  'kotlin', 'r-base', 'rakudo-star', 'ros', 'sonarqube', 'tomee', 'vault', 'wordpress', 'zookeeper',
  'hello-world', 'photon', 'mono', 'neo4j', 'elasticsearch', 'influxdb', 'telegraf', 'nats', 'consul',
]);
