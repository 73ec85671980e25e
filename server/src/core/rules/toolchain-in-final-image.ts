import { SIZES_AS_OF } from '../knowledge/toolchains';
import { mayLeaveBuildTools, readRun, stageFacts, type RunReader, type RunReading } from '../facts/stage-facts';
import { COMPILING, leftBehind } from '../facts/leftover';
import { planSplit, uniqueName } from '../facts/split/plan';
import { toolchainProduct } from '../facts/toolchain-product';
import type { DockerfileModel, Stage } from '../model';
import { referencesFromStage } from '../model/queries';
import { fileRule, type Report, type Rule } from './types';

export const toolchainInFinalImage: Rule = fileRule({
  meta: {
    id: 'toolchain-in-final-image',
    severity: 'warning',
    title: 'The final image keeps the build toolchain',
    fixTitle: 'Split into builder and runtime stages',
    docs: {
      what:
        'The last stage (the image that ships) is based on a compiler or SDK image (golang and CircleCI `cimg/go`, rust, gcc, maven, gradle, a JDK, the .NET SDK, node or python used to build), installs compilers or build tools, or runs a build. The message says what stays in the image and roughly how large it is (sizes are approximate, from the registries as of ' +
        SIZES_AS_OF +
        "). No finding when the last stage is already a minimal runtime or copies its artifact from a builder stage; when the build packages are removed again (`apt-get purge --auto-remove` after `apt-mark auto`, `apt-get remove`, `apk del` of a virtual package such as `.build-deps`, in the same RUN or a later one), so are the tools that built with them; and none when the toolchain is the product: an official language image, a development or CI image whose command is a shell, a REPL, an interpreter without a script or a build tool, or is left to whoever runs it (no command of its own, where a build in the stage compiles only what the stage fetched itself, such as a `git clone` that warms a CI image's caches, and no source directory is copied from the build context; an entrypoint that is only an init wrapper such as `dumb-init` or `tini`, with no command, or a system container that boots `systemd` or `/sbin/init`, or one whose command only keeps it running (`tail -f`, `sleep infinity`), worked in with `docker exec`; an entrypoint or command that is the project's build script (`build`, `build.sh`, `docker-build.sh`) is a build tool, and so is the last command of a `sh -c` script that runs one (`cd && colcon build`); an image that keeps a volume for a build tool's downloads (`VOLUME /root/.m2/repository`, `/go/pkg/mod`, Gradle's, Ivy's or Cargo's caches) runs that build tool; a start script of the build context that ends by running a build tool (`exec buildozer`) starts that tool; a compiler's own image that starts it counts as a build tool's, among them compilers that translate to C or link with the system's C toolchain: V, Nim, Vala, ponyc, Koka; installing packages, as `npm i` or `pip install` do, is not building an app), or a development or test image that installs several versions of a language or the project's development or test requirements (`pip install -r requirements/test.txt`, `.[dev]`, Bundler told to leave out only the production group: `bundle config set without 'production'`), that starts a development server or a watcher that rebuilds on every change (`npm run dev`, `nodemon`, `air`, `uvicorn --reload`, `manage.py runserver`, `dotnet watch`, also through `npx`, or `npm start` whose script in the package.json the image runs from starts one, such as `react-scripts start`, where the build context can be read, or a start script of the build context, a shell script read where the editor or the command line can read it, that runs one outside any `if` or loop, such as Rails' `exec bin/dev`), that runs the project's tests when it starts (`make check`, `go test`, `npm test`, `pytest`, also as a step of `sh -c` or of its start script), or starts a shell script named for development or testing (`startup.dev.sh`, `run-tests.sh`), or sets its framework to development mode with an ENV (`NODE_ENV=development`, `RAILS_ENV`, `APP_ENV`, `ASPNETCORE_ENVIRONMENT`, `MIX_ENV`; an ARG of that name sets only the build's), or installs Go's test reporters (`go install …/go-junit-report`, `gotestsum`, `gocov`), or whose stage or file is named for development or testing (`AS dev`, `AS test`, `Dockerfile.dev`, `test.Dockerfile`, `Dockerfile.tilt`, any Dockerfile in `.devcontainer/`), or one that every build the workspace shows makes a development environment (a dev container configuration, or a Compose service that mounts the sources over what the image copied, `.:/app`, or a build image that a Makefile, script or workflow runs on the working tree, `docker run -v $(pwd):/src`, and never pushes), or a file named for building (`Dockerfile.build`, `builder.Dockerfile`: the build image of the builder pattern, run with the sources to compile and never shipped); the split declines those with the same reason. Variants without compilers are not toolchains: a JRE tag, buildpack-deps' `curl` and `scm` tags, and the Windows builds of the node and python images. Build packages the base already ships are not charged to the stage: installing `make` or `gcc` again on a full official image built on buildpack-deps (`ruby:3.3`, `python:3.12`, `node:22`) keeps nothing the base did not have; the same holds for the compilers the Debian variants of the `php` image keep (PHPIZE_DEPS), and a build run with them. So is a base image for other Dockerfiles, one with ONBUILD steps that run in their builds (`ONBUILD COPY . /usr/src/game`). A PHP base image is a toolchain product too: one that builds PHP extensions on the official php image (`docker-php-ext-install`, `pecl install`, `install-php-extensions`) and copies no application into it. Build drivers alone (`make`, `ninja`, `cmake`, `pkg-config`, the autotools), with no compiler, no headers and no toolchain base, compile nothing: they run tasks such as `make lock`. `-dev` packages alone, in a stage that never had a compiler, are kept for their run-time files (the unversioned `libfoo.so` a program preloads), not to build. On Windows images the message offers no Linux runtime.",
      why: 'Everything the build needed ships with the program: hundreds of megabytes of compilers, headers and caches that slow every pull and widen the attack surface. A builder stage keeps them out: the final stage starts from a small runtime image and copies only the artifact. The quick fix performs that split; when no artifact can be found, the message says why the split is not offered, and the finding is a hint rather than a warning: without an artifact to copy, the rule cannot tell what the runtime would need, nor whether the tools are there on purpose (a CI or build image, a tool that compiles when it runs). On Dockerfiles the rules had not met, most of those findings were false: all 7 in the nineteenth review (docs/precision.md).',
      example: [
        'FROM golang:1.22',
        'WORKDIR /src',
        'COPY . .',
        'RUN CGO_ENABLED=0 go build -o /out/server .',
        'USER 65532',
        'CMD ["/out/server"]',
        '',
      ].join('\n'),
      better: [
        'FROM golang:1.22 AS builder',
        'WORKDIR /src',
        'COPY . .',
        'RUN CGO_ENABLED=0 go build -o /out/server .',
        '',
        'FROM gcr.io/distroless/static-debian12',
        'WORKDIR /src',
        'COPY --from=builder /out/server /out/server',
        'USER 65532',
        'CMD ["/out/server"]',
        '',
      ].join('\n'),
    },
  },
  // What each RUN says (its commands, installs and builds); the runner remembers it per instruction.
  readInstruction(instruction): RunReading | null {
    return instruction.keyword === 'RUN' ? readRun(instruction) : null;
  },
  check({ model, settings, report, read, remember }) {
    if (model.finalStage < 0) return;
    const stage = model.stages[model.finalStage]!;
    if (stage.base.kind !== 'image') return;
    // What stageFacts says in `usesOtherStage`, known without reading the stage's facts.
    if (referencesFromStage(model, stage.index).some((r) => r.target.kind === 'stage')) return;
    // A development environment by what the workspace shows of its builds (a dev container, a Compose
    // service run on the mounted sources) keeps its toolchain on purpose, as one named for development does.
    if (settings.developmentBuild) return;
    // The finding depends on the stage, the global ARGs, the file's name and context, and (for an
    // unnamed stage) the other stages' names.
    const builder = stage.name === null ? uniqueName(model) : null;
    const { documentPath, readWorkspaceFile } = settings;
    const found = remember(stage, [builder, documentPath, readWorkspaceFile, ...model.globalArgs], () =>
      toolchainReport(model, stage, read as RunReader, documentPath, readWorkspaceFile),
    );
    if (found) report(found);
  },
});

/** The finding for a final stage on an image that uses no other stage, or null. */
function toolchainReport(
  model: DockerfileModel,
  stage: Stage,
  readRunOf: RunReader,
  documentPath: string | undefined,
  readWorkspaceFile: ((relativePath: string) => string | undefined) | undefined,
): Report | null {
  if (!mayLeaveBuildTools(stage, COMPILING, readRunOf)) return null;
  // Files of the build context (the package.json whose start script the image runs), where readable.
  const facts = stageFacts(model, stage, { readRun: readRunOf, read: readWorkspaceFile });
  if (facts.usesOtherStage) return null;
  const left = leftBehind(facts);
  if (!left) return null;
  // An image whose toolchain is what it ships (a language image, a development container) keeps it on purpose.
  if (toolchainProduct(facts, documentPath)) return null;
  const result = planSplit(model, { documentPath }, facts);
  let message = `The final image keeps ${left.what}`;
  const data: Record<string, unknown> = { sizeMB: left.sizeMB, image: facts.image?.raw ?? null };
  if (result.ok) {
    const plan = result.plan;
    const artifacts = plan.artifacts.map((a) => a.source);
    // The artifacts are the same whatever the editor can read of the workspace; the runtime choices
    // (and whether the app directory goes too) are named by the actions themselves.
    message += `: split into a builder stage and a runtime stage that copies ${artifacts.join(', ')}`;
    Object.assign(data, {
      splitOffered: true,
      language: plan.language,
      profile: plan.profile,
      builderName: plan.builderName,
      artifacts,
      runtimes: plan.choices.map((c) => c.image),
    });
  } else {
    message += `; no split is offered: ${result.reason}`;
    Object.assign(data, { splitOffered: false, reason: result.reason });
  }
  // Without an artifact to copy, the rule cannot say what the runtime needs, nor whether the tools
  // are there on purpose: a hint at the size, not a warning.
  return { range: left.range, message, data, ...(result.ok ? {} : { severity: 'hint' as const }) };
}
