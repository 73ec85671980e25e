import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, hover, parseDockerfile } from '../../server/src/core';
import { extractCursor } from '../support/fixtures';

/** Hovers at the `$0` cursor; returns the Markdown and the hovered text. */
function hoverAt(source: string): { markdown: string; text: string } | null {
  const { text, position } = extractCursor(source);
  const result = hover(parseDockerfile(text), position);
  if (!result) return null;
  const lines = text.split('\n');
  const r = result.range;
  assert.equal(r.start.line, r.end.line, 'hover ranges stay on one line');
  return { markdown: result.markdown, text: lines[r.start.line]!.slice(r.start.character, r.end.character) };
}

test('hover: COPY --from a Go builder: stage, steps, outputs, paths resolved against both WORKDIRs', () => {
  const result = hoverAt(`FROM golang:1.22 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o bin/server ./cmd/server

FROM debian:bookworm-slim AS runtime
WORKDIR /srv
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=bui$0lder /src/bin/server config/app.yaml ./
`);
  assert.equal(result?.text, 'builder');
  assert.equal(
    result.markdown,
    `**\`builder\`** — stage 0 (line 1), based on \`golang:1.22\`

Runs: \`go mod download\` · \`go build -o bin/server ./cmd/server\`  
Produces: \`/src/bin/server\`

This \`COPY\` takes from \`builder\`:
- \`/src/bin/server\` → \`/srv/server\`
- \`/config/app.yaml\` → \`/srv/app.yaml\`

Relative sources are read from the root of \`builder\`, not from its WORKDIR \`/src\`: \`config/app.yaml\` means \`/config/app.yaml\`.

Only these paths enter \`runtime\`; the rest of \`builder\` (compilers, caches, sources) stays behind.

\`builder\` is not in the final image: only what is copied out of it is.`,
  );
});

test('hover: a relative source meant for the builder WORKDIR gets a warning', () => {
  const result = hoverAt(`FROM golang:1.22 AS builder
WORKDIR /src
RUN go build -o server .

FROM scratch
COPY --from=builder$0 server /server
`);
  assert.equal(result?.text, 'builder');
  assert.equal(
    result.markdown,
    `**\`builder\`** — stage 0 (line 1), based on \`golang:1.22\`

Runs: \`go build -o server .\`  
Produces: \`/src/server\`

This \`COPY\` takes from \`builder\`:
- \`/server\` → \`/server\`

Relative sources are read from the root of \`builder\`, not from its WORKDIR \`/src\`: \`server\` means \`/server\`.

Only these paths enter this stage; the rest of \`builder\` (compilers, caches, sources) stays behind.

\`builder\` is not in the final image: only what is copied out of it is.`,
  );
});

test('hover: a numeric index names the stage and suggests its name', () => {
  const result = hoverAt(`FROM rust:1.79 AS build
RUN cargo build --release

FROM node:20
RUN npm ci && npm run build

FROM alpine:3.20
COPY --from=$00 /target/release/app /usr/local/bin/app
COPY --from=1 /dist /www
`);
  assert.equal(result?.text, '0');
  assert.equal(
    result.markdown,
    `\`--from=0\` → **\`build\`** — stage 0 (line 1), based on \`rust:1.79\`

Runs: \`cargo build --release\`  
Produces: \`/target/release/\`

This \`COPY\` takes from \`build\`:
- \`/target/release/app\` → \`/usr/local/bin/app\`

Only these paths enter this stage; the rest of \`build\` (compilers, caches, sources) stays behind.

\`build\` is not in the final image: only what is copied out of it is.

Tip: refer to it by name, \`--from=build\`: indexes change when stages are added or moved.`,
  );
});

test('hover: a numeric index to an unnamed stage suggests naming it', () => {
  const result = hoverAt(`FROM rust:1.79
RUN cargo build --release

FROM alpine:3.20
COPY --from=0$0 /target/release/app /usr/local/bin/
`);
  assert.equal(result?.text, '0');
  assert.equal(
    result.markdown,
    `\`--from=0\` → **Stage 0** (unnamed, line 1), based on \`rust:1.79\`

Runs: \`cargo build --release\`  
Produces: \`/target/release/\`

This \`COPY\` takes from \`stage 0\`:
- \`/target/release/app\` → \`/usr/local/bin/app\`

Only these paths enter this stage; the rest of \`stage 0\` (compilers, caches, sources) stays behind.

\`stage 0\` is not in the final image: only what is copied out of it is.

Tip: name it (\`FROM rust:1.79 AS <name>\`) and use \`--from=<name>\`: indexes change when stages are added or moved.`,
  );
});

test('hover: an external image is not a stage', () => {
  const result = hoverAt(`FROM alpine:3.20
COPY --from=nginx:al$0pine /etc/nginx/nginx.conf /etc/nginx/
`);
  assert.equal(result?.text, 'nginx:alpine');
  assert.equal(
    result.markdown,
    `\`nginx:alpine\` is an image, not a stage of this Dockerfile: the files are read from that image (or from a build context of that name given with \`--build-context\`).

This \`COPY\` takes from \`nginx:alpine\`:
- \`/etc/nginx/nginx.conf\` → \`/etc/nginx/nginx.conf\`

Only these paths enter this stage.`,
  );
});

test('hover: a cache mount seeded from a stage', () => {
  const result = hoverAt(`FROM golang:1.22 AS deps
WORKDIR /src
RUN go mod download

FROM golang:1.22
RUN --mount=type=cache,from=de$0ps,source=/go/pkg/mod,target=/go/pkg/mod go build -o /app .
`);
  assert.equal(result?.text, 'deps');
  assert.equal(
    result.markdown,
    `**\`deps\`** — stage 0 (line 1), based on \`golang:1.22\`

Runs: \`go mod download\`

The cache mounted at \`/go/pkg/mod\` starts out with \`/go/pkg/mod\` of \`deps\`. Nothing of it stays in this stage.

\`deps\` is not in the final image; it is built only to serve mounts and copies.`,
  );
});

test('hover: a writable bind mount from a stage', () => {
  const result = hoverAt(`FROM node:20 AS assets
RUN npm ci

FROM node:20-slim AS test
RUN --mount=from=as$0sets,source=/node_modules,target=/app/node_modules,rw npm test
`);
  assert.equal(result?.text, 'assets');
  assert.equal(
    result.markdown,
    `**\`assets\`** — stage 0 (line 1), based on \`node:20\`

Runs: \`npm ci\`  
Produces: \`/node_modules/\`

While this \`RUN\` runs, \`/node_modules\` of \`assets\` is mounted at \`/app/node_modules\` (writable, changes discarded). Nothing of it stays in \`test\`.

\`assets\` is not in the final image; it is built only to serve mounts and copies.`,
  );
});

test('hover: FROM <stage> takes everything, and the final image is built on it', () => {
  const result = hoverAt(`FROM python:3.12 AS base
RUN pip install --prefix=/install -r requirements.txt

FROM bas$0e AS final
CMD ["python", "app.py"]
`);
  assert.equal(result?.text, 'base');
  assert.equal(
    result.markdown,
    `**\`base\`** — stage 0 (line 1), based on \`python:3.12\`

Runs: \`pip install --prefix=/install -r requirements.txt\`  
Produces: \`/install\`

\`final\` starts from everything in \`base\`: all its files (compilers, caches and sources included), ENV, WORKDIR and USER.

The final image is built on \`base\`, so all of \`base\` ships in it.`,
  );
});

test('hover: FROM <stage> in a chain that the final stage only copies from', () => {
  const result =
    hoverAt(`FROM mcr.microsoft.com/dotnet/sdk:8.0@sha256:35792ea4ad1db051981f62b313f1be3b46b1f45cadbaa3c288cd0d3056eefb83 AS build
WORKDIR /src
RUN dotnet restore && dotnet build -c Release -o /app/build

FROM bu$0ild AS publish
RUN dotnet publish -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS final
COPY --from=publish /app/publish .
`);
  assert.equal(result?.text, 'build');
  assert.equal(
    result.markdown,
    `**\`build\`** — stage 0 (line 1), based on \`mcr.microsoft.com/dotnet/sdk:8.0@sha256:35792ea4ad1d…\`

Runs: \`dotnet restore\` · \`dotnet build -c Release -o /app/build\`  
Produces: \`/app/build\`

\`publish\` starts from everything in \`build\`: all its files (compilers, caches and sources included), ENV, WORKDIR and USER.

Neither is in the final image: only files that later stages copy out of \`publish\` ship.`,
  );
});

test('hover: the AS name lists its users and says it is built for the default target', () => {
  const result = hoverAt(`FROM golang:1.22 AS buil$0der
RUN go build -o /app .

FROM builder AS test
RUN go test ./...

FROM scratch
COPY --from=builder /app /app
`);
  assert.equal(result?.text, 'builder');
  assert.equal(
    result.markdown,
    `**\`builder\`** — stage 0 (line 1), based on \`golang:1.22\`

Runs: \`go build -o /app .\`  
Produces: \`/app\`

Used by:
- \`test\`, line 4: \`FROM builder\` (built on it)
- \`stage 2\`, line 8: \`COPY --from=builder\`

Built for the default target because the final stage needs it; not itself the final image.`,
  );
});

test('hover: an unused stage says how to build it', () => {
  const result = hoverAt(`FROM golang:1.22 AS builder
RUN go build -o /app .

FROM golang:1.22 AS li$0nt
RUN golangci-lint run

FROM scratch
COPY --from=builder /app /app
`);
  assert.equal(result?.text, 'lint');
  assert.equal(
    result.markdown,
    `**\`lint\`** — stage 1 (line 4), based on \`golang:1.22\`

Runs: \`golangci-lint run\`

**Unused**: nothing refers to it and it is not the final stage, so \`docker build\` skips it unless you pass \`--target lint\`.`,
  );
});

test('hover: the final stage', () => {
  const result = hoverAt(`FROM alpine AS base

FROM base AS ru$0ntime
`);
  assert.equal(result?.text, 'runtime');
  assert.equal(
    result.markdown,
    `**\`runtime\`** — stage 1 (line 3), based on stage \`base\`

**Final image**: \`docker build\` without \`--target\` produces this stage.`,
  );
});

test('hover: a stage used only by a stage the default target does not build', () => {
  const result = hoverAt(`FROM alpine AS tools
RUN apk add --no-cache git make

FROM alpine AS ci
COPY --from=to$0ols /usr/bin/git /usr/bin/git

FROM alpine AS release
`);
  assert.equal(result?.text, 'tools');
  assert.equal(
    result.markdown,
    `**\`tools\`** — stage 0 (line 1), based on \`alpine\`

Runs: \`apk add git make\`

This \`COPY\` takes from \`tools\`:
- \`/usr/bin/git\` → \`/usr/bin/git\`

Only these paths enter \`ci\`; the rest of \`tools\` (compilers, caches, sources) stays behind.

\`tools\` is not built for the default target: the final stage does not need it.`,
  );
});

test('hover: a variable is resolved at build time', () => {
  const result = hoverAt(`ARG FROM_STAGE=builder
FROM alpine
COPY --from=\${FR$0OM_STAGE} /a /b
`);
  assert.equal(result?.text, '${FROM_STAGE}');
  assert.equal(
    result.markdown,
    `\`\${FROM_STAGE}\` is resolved at build time from a build argument: it may name a stage, an image or a build context.

This \`COPY\` takes from \`\${FROM_STAGE}\`:
- \`/a\` → \`/b\`

Only these paths enter this stage.`,
  );
});

test('hover: an index past the last stage', () => {
  const result = hoverAt(`FROM alpine AS a
FROM alpine
COPY --from=7$0 /a /b
`);
  assert.equal(result?.text, '7');
  assert.equal(result.markdown, `\`--from=7\`: there is no stage 7; this Dockerfile has 2 stages (0–1).`);
});

test('hover: an instruction keyword', () => {
  const result = hoverAt(`FROM alpine
CO$0PY a b
`);
  assert.equal(result?.text, 'COPY');
  assert.equal(
    result.markdown,
    `**COPY**

\`\`\`dockerfile
COPY [--from=<stage>] [--chown=...] [--chmod=...] [--link] <src>... <dest>
\`\`\`

Copies files into the stage being built. Without \`--from\` the sources come from the build context; relative destinations are resolved against the \`WORKDIR\`.

[Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)`,
  );
});

test('hover: a flag', () => {
  const result = hoverAt(`FROM alpine
COPY --ch$0own=app:app a b
`);
  assert.equal(result?.text, 'chown');
  assert.equal(
    result.markdown,
    `**\`--chown=<user>[:<group>]\`** (COPY)

Sets the owner (\`user[:group]\`, names or numeric ids) of the added files instead of root.

[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#copy---chown---chmod)`,
  );
});

test('hover: a --mount option', () => {
  const result = hoverAt(`FROM alpine
RUN --mount=ty$0pe=cache,target=/root/.cache pip install x
`);
  assert.equal(result?.text, 'type');
  assert.equal(
    result.markdown,
    `**\`type\`** option of \`RUN --mount\`

Kind of mount: \`bind\` (default), \`cache\`, \`tmpfs\`, \`secret\` or \`ssh\`.

[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#run---mount)`,
  );
});

test('hover: a --from value the rule calls a typo of a stage is called one here too', () => {
  const source = `FROM node:20 AS deps
RUN npm ci

FROM node:20-slim
COPY --from=dp$0es /app/node_modules ./node_modules
`;
  const result = hoverAt(source);
  assert.equal(result?.text, 'dpes');
  assert.match(result.markdown, /^`dpes` is not a stage of this Dockerfile: likely a typo of stage `deps` \(line 1\)/);
  assert.doesNotMatch(result.markdown, /is an image, not a stage/);
  // The diagnostic on the same value says the same.
  const { findings } = analyze(extractCursor(source).text);
  const finding = findings.find((f) => f.ruleId === 'copy-from-undefined-stage');
  assert.match(finding?.message ?? '', /did you mean 'deps'/);
});

test('hover: a well-known image close to a stage name is an image, as the rule says', () => {
  const result = hoverAt(`FROM alpine:3.20 AS node
RUN true

FROM debian:bookworm-slim
COPY --from=nod$0e /usr/local/bin/node /usr/local/bin/
`);
  // `node` is a stage here, so the reference resolves to it; a near miss of a well-known name is not a typo.
  assert.equal(result?.text, 'node');
  const image = hoverAt(`FROM alpine:3.20 AS nodes
RUN true

FROM debian:bookworm-slim
COPY --from=nod$0e /usr/local/bin/node /usr/local/bin/
`);
  assert.match(image?.markdown ?? '', /^`node` is an image, not a stage of this Dockerfile/);
});

test('hover: Windows paths stay Windows paths', () => {
  const result = hoverAt(`# escape=\`
FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022 AS build
WORKDIR C:\\src
RUN dotnet publish -c Release -o C:\\app

FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022
WORKDIR C:\\app
COPY --from=bu$0ild C:\\app .
ENTRYPOINT ["dotnet", "web.dll"]
`);
  assert.equal(result?.text, 'build');
  assert.match(result.markdown, /`C:\\app` → `C:\\app`/);
  assert.doesNotMatch(result.markdown, /\/C:/);
});
