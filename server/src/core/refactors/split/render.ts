import type { DockerfileModel, Instruction } from '../../model';
import { positionAt } from '../../model';
import { IMAGE_USERS, UNIVERSAL_USERS } from '../../knowledge/runtime-config';
import type { TextEdit } from '../types';
import type { RuntimeChoice, SplitPlan } from '../../facts/split/plan';

function lineOf(model: DockerfileModel, line: number): string {
  const start = model.lineStarts[line] ?? model.text.length;
  const end = line + 1 < model.lineStarts.length ? model.lineStarts[line + 1]! : model.text.length;
  return model.text.slice(start, end).replace(/\r?\n$|\r$/, '');
}

/** First line of an instruction together with the comment lines right above it. */
function firstLineWithComments(model: DockerfileModel, instruction: Instruction, floor: number): number {
  let line = instruction.range.start.line;
  const commentLines = new Set(model.comments.map((c) => c.range.start.line));
  while (line - 1 > floor && commentLines.has(line - 1) && !isDirectiveLine(model, line - 1)) line--;
  return line;
}

function isDirectiveLine(model: DockerfileModel, line: number): boolean {
  return model.directives.some((d) => d.range.start.line === line);
}

function linesOf(model: DockerfileModel, from: number, to: number): string[] {
  const out: string[] = [];
  for (let l = from; l <= to; l++) out.push(lineOf(model, l));
  return out;
}

/** Whether the runtime image has the user already. */
export function runtimeHasUser(image: string, user: string): boolean {
  const name = user.split(':')[0]!.trim();
  if (/^\d+$/.test(name)) return true;
  if (image === 'scratch') return false;
  if (UNIVERSAL_USERS.has(name)) return true;
  return IMAGE_USERS.some((row) => row.image.test(image) && row.users.includes(name));
}

function sameDistroFamily(plan: SplitPlan, choice: RuntimeChoice): boolean {
  const builderAlpine = /alpine/.test(plan.facts.image?.tag ?? '') || plan.facts.shortName === 'alpine';
  const runtimeAlpine = /alpine/.test(choice.image);
  return builderAlpine === runtimeAlpine;
}

function quoteIfNeeded(p: string): string {
  return /\s/.test(p) ? JSON.stringify(p) : p;
}

/** The text that replaces the final stage: the builder stage, a blank line, the runtime stage. */
export function renderSplit(model: DockerfileModel, plan: SplitPlan, choice: RuntimeChoice): { edit: TextEdit; text: string } {
  const stage = model.stages[plan.stageIndex]!;
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  const fromLine = stage.from.range.start.line;
  const lastLine = model.lineStarts.length - 1;
  const removed = new Set<number>();
  const movedBlocks: { index: number; lines: string[] }[] = [];
  const floor = fromLine;
  const staticSite = plan.profile === 'static-site';
  const moved = staticSite ? plan.moved.filter((i) => i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') : plan.moved;
  for (const i of moved) {
    const first = firstLineWithComments(model, i, floor);
    for (let l = first; l <= i.range.end.line; l++) removed.add(l);
    movedBlocks.push({ index: i.index, lines: linesOf(model, first, i.range.end.line) });
  }
  for (const i of plan.repeated) {
    const first = firstLineWithComments(model, i, floor);
    movedBlocks.push({ index: i.index, lines: linesOf(model, first, i.range.end.line) });
  }
  movedBlocks.sort((a, b) => a.index - b.index);

  // The builder: the stage as it was, named, without the lines that moved.
  const venvFirst = plan.venvBefore ? firstLineWithComments(model, plan.venvBefore, floor) : -1;
  const builder: string[] = [];
  for (let l = fromLine; l <= lastLine; l++) {
    if (l === venvFirst && plan.venvPath) {
      builder.push(`RUN python -m venv ${plan.venvPath}`, `ENV PATH="${plan.venvPath}/bin:$PATH"`);
    }
    if (removed.has(l)) continue;
    let text = lineOf(model, l);
    if (l === fromLine && plan.addName && stage.baseToken) {
      const at = stage.baseToken.range.end;
      if (at.line === l) text = text.slice(0, at.character) + ` AS ${plan.builderName}` + text.slice(at.character);
    }
    builder.push(text);
  }
  while (builder.length > 0 && builder[builder.length - 1]!.trim() === '') builder.pop();
  if (plan.pruneDev) {
    builder.push(
      plan.pruneDev === 'npm'
        ? 'RUN npm prune --omit=dev'
        : plan.pruneDev === 'pnpm'
          ? 'RUN pnpm prune --prod'
          : 'RUN yarn install --production --ignore-scripts --prefer-offline',
    );
  }

  // The runtime: a new stage from the runtime base with only the artifacts and the run-time config.
  const runtime: string[] = [`FROM ${choice.image}`];
  const runtimeBody = movedBlocks.flatMap((b) => b.lines).join('\n');
  for (const arg of argsToRedeclare(model, plan, runtimeBody)) runtime.push(arg);
  const from = `--from=${plan.builderName}`;
  const user = plan.userName;
  let chown = plan.chown;
  const setupAfterCopy: string[] = [];
  if (user && !runtimeHasUser(choice.image, user)) {
    if (choice.base.shell && plan.userSetup.length > 0 && sameDistroFamily(plan, choice)) {
      const setup = plan.userSetup.flatMap((i) => linesOf(model, i.range.start.line, i.range.end.line));
      if (setup.some((l) => /\bchown\b|\bchmod\b/.test(l))) {
        setupAfterCopy.push(...setup);
        chown = null;
      } else runtime.push(...setup);
    } else {
      runtime.push(`COPY ${from} /etc/passwd /etc/group /etc/`);
    }
  }
  if (plan.workdir && plan.workdir !== '/' && !staticSite) runtime.push(`WORKDIR ${quoteIfNeeded(plan.workdir)}`);
  const manager = choice.base.packages;
  const apt = plan.runtimePackages.apt.filter((p) => !(p === 'ca-certificates' && choice.base.certs));
  const apk = plan.runtimePackages.apk.filter((p) => !(p === 'ca-certificates' && choice.base.certs));
  if (manager === 'apt' && apt.length > 0) {
    runtime.push(`RUN apt-get update && apt-get install -y --no-install-recommends ${apt.join(' ')} && rm -rf /var/lib/apt/lists/*`);
  }
  if (manager === 'apk' && apk.length > 0) runtime.push(`RUN apk add --no-cache ${apk.join(' ')}`);
  if (!choice.base.certs && (apt.includes('ca-certificates') || apk.includes('ca-certificates')) && manager === null) {
    runtime.push(`COPY ${from} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`);
  }
  const chownFlag = chown ? ` --chown=${chown}` : '';
  for (const a of plan.artifacts) runtime.push(`COPY ${from}${chownFlag} ${quoteIfNeeded(a.source)} ${quoteIfNeeded(a.dest)}`);
  runtime.push(...setupAfterCopy);
  if (plan.venvBefore && plan.venvPath) runtime.push(`ENV PATH="${plan.venvPath}/bin:$PATH"`);
  if (staticSite && plan.listenPort) {
    runtime.push(
      // nginx keeps port 80 and also listens on the port the original server used and exposed.
      `RUN sed -i -e '/listen[[:space:]]*80;/a\\    listen       ${plan.listenPort};' -e '/listen[[:space:]]*\\[::\\]:80;/a\\    listen       [::]:${plan.listenPort};' /etc/nginx/conf.d/default.conf`,
    );
  }
  for (const block of movedBlocks) runtime.push(...block.lines);

  const newText = [...builder, '', ...runtime].join(eol) + eol;
  const start = { line: fromLine, character: 0 };
  const end = positionAt(model.lineStarts, model.text.length);
  const text = model.text.slice(0, model.lineStarts[fromLine] ?? model.text.length) + newText;
  return { edit: { range: { start, end }, newText }, text };
}

/** ARG lines the runtime stage needs for the variables its instructions use. */
function argsToRedeclare(model: DockerfileModel, plan: SplitPlan, body: string): string[] {
  const used = new Set<string>();
  for (const m of body.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) used.add(m[1]!);
  if (used.size === 0) return [];
  const stage = model.stages[plan.stageIndex]!;
  const envSet = new Set<string>();
  for (const i of plan.repeated) if (i.keyword === 'ENV') for (const a of i.args) envSet.add(a.value.split('=')[0]!);
  const out: string[] = [];
  const done = new Set<string>();
  for (const i of stage.instructions) {
    if (i.keyword !== 'ARG') continue;
    const names = i.args.map((a) => a.value.split('=')[0]!);
    if (names.some((n) => used.has(n) && !done.has(n))) {
      out.push(...linesOf(model, i.range.start.line, i.range.end.line));
      for (const n of names) done.add(n);
    }
  }
  for (const g of model.globalArgs) {
    for (const a of g.args) {
      const n = a.value.split('=')[0]!;
      if (used.has(n) && !done.has(n) && !envSet.has(n)) {
        out.push(`ARG ${n}`);
        done.add(n);
      }
    }
  }
  return out;
}
