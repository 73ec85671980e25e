import { imageDefaults } from '../facts/image-defaults';
import { shortImageName } from '../model/image';
import { argumentTokens, copyArguments } from '../model/queries';
import { baseConfigurationKnown, workspaceImageOf, workspaceImagesKey } from './helpers/image-ref';
import { stageRule, type Rule } from './types';

/** An absolute path inside the image: POSIX, or Windows (`C:\app`, `c:/app`, `\app`). */
function absolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]?/.test(path);
}

export const relativeDestinationWithoutWorkdir: Rule = stageRule({
  meta: {
    id: 'relative-destination-without-workdir',
    severity: 'warning',
    title: 'COPY or ADD to a relative destination before any WORKDIR',
    peers: { hadolint: ['DL3045'] },
    docs: {
      what: "Flags a COPY or ADD whose destination is a relative path (`COPY . .`, `COPY app.py app/`) in a stage where no WORKDIR was set before it, neither in the stage nor in the stages it is built on. Destinations in a variable are left alone, and so are stages built on `scratch` (nothing but `/` there, often a stage exported with `--output`) and images known to set a WORKDIR of their own (golang, php, the .NET runtimes, messense/rust-musl-cross, Red Hat's source-to-image language images on UBI such as `ubi9/go-toolset` and `ubi9/nodejs-22`, in /opt/app-root/src, Jupyter's docker-stacks images, in /home/jovyan, and AWS Lambda's base images such as `public.ecr.aws/lambda/provided`, in /var/task, where Lambda looks for the function). The message names `/` only for bases whose configuration is known: Docker Hub's official and well-known images (and their mirrors), Microsoft's .NET and Windows images, distroless and Red Hat's UBI. A vendor's or a project's own base image (`apify/actor-node`, `ghcr.io/org/node-base`), or one given by a variable without a default, may set a WORKDIR the Dockerfile does not show: the finding stands there too (the file relies on a working directory it does not state, as hadolint's DL3045 says), but its message does not claim the files land in `/`. A base that the workspace builds itself (a compose service's `image:` beside its `build:`, `docker build -t` in a script, Makefile or workflow, a Bake target's `tags`, the build-push-action's `tags`) is read from its own Dockerfile: where that sets a WORKDIR, the directory is stated and nothing is flagged.",
      why: "A relative destination is resolved against the working directory, and without a WORKDIR that is whatever the base image set: `/` for most images. `COPY . .` then spreads the build context over the image's root, beside `/etc` and `/bin`, where a file of the project can overwrite a system one, and a later change of the base image moves the files. Set the directory first.",
      example: 'FROM python:3.12-slim\nCOPY . .\nUSER nobody\nCMD ["python", "app.py"]\n',
      better: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER nobody\nCMD ["python", "app.py"]\n',
    },
  },
  // The images the workspace builds carry the working directory their Dockerfile sets.
  settingsKey: (settings) => workspaceImagesKey(settings.workspaceImages),
  checkStage(stage, { chain, settings, report }) {
    for (const s of chain.slice(0, -1)) if (s.instructions.some((i) => i.keyword === 'WORKDIR')) return;
    const root = chain[0]!;
    if (root.base.kind === 'image' && imageDefaults(shortImageName(root.base.image)).workdir) return;
    // The base is an image the workspace builds, from a Dockerfile that sets a WORKDIR (elifesciences'
    // CI image on the app image its compose file builds): the directory is stated, in that file.
    if (workspaceImageOf(root.base, settings.workspaceImages)?.workdir !== undefined) return;
    // An empty image (often a stage exported with --output) has only `/`, and nothing to collide with.
    if (root.base.kind === 'scratch') return;
    // A vendor's or the project's own base image, or one given by a variable, may set a WORKDIR the
    // Dockerfile does not show (apify's actor images, a team's node base): the message does not say `/`.
    const known = baseConfigurationKnown(root.base);
    const base = root.base.kind === 'image' ? root.base.image.raw : root.base.kind === 'variable' ? root.base.raw : '';
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'WORKDIR') return;
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const args = copyArguments(instruction);
      if (!args) continue;
      const destination = args.destination;
      if (destination === '' || /^["']?\$/.test(destination) || absolute(destination)) continue;
      const tokens = argumentTokens(instruction);
      const token = tokens[tokens.length - 1];
      if (!token) continue;
      // In the JSON form the last token carries the closing bracket: point at the string alone.
      const trailing = instruction.json ? (/[\s,\]]*$/.exec(token.value)?.[0].length ?? 0) : 0;
      const range =
        trailing > 0 && token.range.start.line === token.range.end.line
          ? { start: token.range.start, end: { ...token.range.end, character: token.range.end.character - trailing } }
          : token.range;
      report({
        range,
        message: known
          ? `'${destination}' is relative and no WORKDIR is set: it resolves against the base image's working directory (/ for ${base || 'this image'}). Set WORKDIR first, or copy to an absolute path.`
          : `'${destination}' is relative and no WORKDIR is set in this file: it lands in whatever working directory the base image${base ? ` '${base}'` : ''} sets, which the Dockerfile does not show. Set WORKDIR, or copy to an absolute path.`,
      });
    }
  },
});
