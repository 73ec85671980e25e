import { NONROOT_IMAGE_PATTERNS } from '../knowledge/nonroot-images';
import { windowsPlatform } from '../facts/platform';
import { mentionsDropTool, privilegeDrop } from '../facts/privilege-drop';
import { finalImageStages } from '../model/queries';
import { imageFileReader } from './helpers/image-files';
import { fileRule, type Rule } from './types';

function isRootUser(value: string): boolean {
  const user = value.split(':')[0]!.trim().toLowerCase();
  return user === 'root' || user === '0';
}

export const rootUserInFinalImage: Rule = fileRule<boolean>({
  meta: {
    id: 'root-user-in-final-image',
    severity: 'information',
    title: 'The final image runs as root',
    peers: { hadolint: ['DL3002'] },
    docs: {
      what: "Flags a final stage that runs as root: its last `USER` (in the stage or the stages it is built on) is root or 0, or no `USER` is set and the base image is not known to default to a non-root user. Builder stages are not held to this, nor is a FROM scratch output stage without CMD or ENTRYPOINT (it runs nothing), nor a Windows image (it has no root user; Windows containers run as ContainerAdministrator or ContainerUser), nor an image whose entrypoint drops privileges when it starts: ENTRYPOINT or CMD runs gosu, su-exec, setpriv, runuser, s6-setuidgid, chpst, `chroot --userspec` or `su -c`, or the image installs gosu or su-exec and starts an entrypoint script (the official images' pattern, whose script runs `exec gosu <user> \"$@\"`), or, with no USER, creates a system account for its service (`groupadd -r`, `useradd -r`, `adduser -S`) and starts an entrypoint script on a Debian or Ubuntu base, whose util-linux ships `setpriv` (valkey's and couchdb's images run `exec setpriv --reuid=<user> …`). An image built on an official database image (postgres, mysql, mariadb, mongo, redis, rabbitmq, cassandra, couchdb, valkey) that keeps the base's entrypoint and starts the server (its default command, or the server with options) is not flagged either: that entrypoint steps down to the database's account. An entrypoint script copied in from the build context is read where the editor or the command line can read it (a file of the Dockerfile's folder, in the workspace), and one that runs any of those tools counts as a drop. An ordinary login account (`useradd -m -s /bin/bash app`) is not taken as a sign of a drop.",
      why: 'A process running as root in the container turns any compromise of it into root inside the container and widens the reach of a container escape. Builder stages can stay root: they never run in production.',
      example:
        'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /usr/local/bin/app\nENTRYPOINT ["app"]\n',
      better:
        'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /usr/local/bin/app\nUSER nobody\nENTRYPOINT ["app"]\n',
    },
  },
  // Whether a RUN or COPY names gosu, su-exec or the like; the runner remembers it per instruction.
  readInstruction: (instruction) => mentionsDropTool(instruction),
  check({ model, settings, report, read, remember }) {
    const chain = finalImageStages(model);
    if (chain.length === 0) return;
    // Windows images have no root: their users are ContainerAdministrator and ContainerUser.
    if (chain.some((stage) => windowsPlatform(model, stage) !== null)) return;
    // The entrypoint steps down from root when the container starts: the process does not run as
    // root. An entrypoint script copied from the build context is read where the shell can read it.
    const readImageFile = imageFileReader(model, chain, settings, remember);
    if (privilegeDrop(chain, read, readImageFile)) return;
    const final = chain[chain.length - 1]!;
    const users = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'USER'));
    const last = users[users.length - 1];
    if (last) {
      const value = last.args[0]?.value ?? '';
      if (value.includes('$') || !isRootUser(value)) return;
      report({
        range: last.argsRange ?? last.keywordRange,
        message: `The final image runs as '${value}': switch to a non-root USER after the steps that need root.`,
      });
      return;
    }
    const root = chain[0]!;
    if (root.base.kind === 'variable') return;
    // A FROM scratch image without CMD or ENTRYPOINT runs nothing: it is an output of files
    // (`docker build --output`), not something that runs as any user.
    if (
      root.base.kind === 'scratch' &&
      !chain.some((s) => s.instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'))
    )
      return;
    if (root.base.kind === 'image') {
      const image = root.base.image;
      const withoutRegistry = image.raw.slice(image.registry ? image.registry.length + 1 : 0).toLowerCase();
      if (image.hasVariable || NONROOT_IMAGE_PATTERNS.some((p) => p.test(withoutRegistry))) return;
    }
    report({
      range: final.baseToken?.range ?? final.from.keywordRange,
      message: `The final image runs as root: no USER is set${chain.length > 1 ? ' in this stage or the stages it is built on' : ''}. Add a non-root USER.`,
    });
  },
});
