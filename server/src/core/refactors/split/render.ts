import type { DockerfileModel, Instruction } from '../../model';
import { positionAt } from '../../model';
import { IMAGE_USERS, UNIVERSAL_USERS } from '../../knowledge/runtime-config';
import { applyEdits } from '../apply';
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

/** Where the builder stages the folders and links RUN prepared, for the runtime to copy whole. */
export const STATE_DIR = '/runtime-state';

/**
 * The split as a minimal edit: `AS <builder>` inserted on the FROM line, the instructions that move
 * taken out of the builder, and the runtime stage appended after it. The builder's build stays
 * exactly as written. Returns the edits and the resulting text.
 */
export function renderSplit(
  model: DockerfileModel,
  plan: SplitPlan,
  choice: RuntimeChoice,
): { edits: TextEdit[]; text: string } {
  const stage = model.stages[plan.stageIndex]!;
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  const fromLine = stage.from.range.start.line;
  const floor = fromLine;
  const edits: TextEdit[] = [];
  const staticSite = plan.profile === 'static-site';
  const moved = staticSite ? plan.moved.filter((i) => i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') : plan.moved;
  const blocks: { index: number; lines: string[] }[] = [];
  const lineCount = model.lineStarts.length;
  for (const i of moved) {
    const first = firstLineWithComments(model, i, floor);
    blocks.push({ index: i.index, lines: linesOf(model, first, i.range.end.line) });
    const start = { line: first, character: 0 };
    const end =
      i.range.end.line + 1 < lineCount
        ? { line: i.range.end.line + 1, character: 0 }
        : positionAt(model.lineStarts, model.text.length);
    edits.push({ range: { start, end }, newText: '' });
  }
  for (const i of plan.repeated) {
    const first = firstLineWithComments(model, i, floor);
    blocks.push({ index: i.index, lines: linesOf(model, first, i.range.end.line) });
  }
  blocks.sort((a, b) => a.index - b.index);
  if (plan.addName && stage.baseToken) {
    const at = stage.baseToken.range.end;
    edits.push({ range: { start: at, end: at }, newText: ` AS ${plan.builderName}` });
  }

  const appended: string[] = [];
  if (plan.pruneDev) {
    appended.push(
      plan.pruneDev === 'npm'
        ? 'RUN npm prune --omit=dev'
        : plan.pruneDev === 'pnpm'
          ? 'RUN pnpm prune --prod'
          : 'RUN yarn install --production --ignore-scripts --prefer-offline',
    );
  }

  // The runtime: a new stage from the runtime base with what the contract needs and the config.
  const runtime: string[] = [`FROM ${choice.image}`];
  const runtimeBody = blocks.flatMap((b) => b.lines).join('\n');
  for (const arg of argsToRedeclare(model, plan, runtimeBody)) runtime.push(arg);
  const from = `--from=${plan.builderName}`;
  const user = plan.userName;
  const setupAfterCopy: string[] = [];
  let setupRepeated = false;
  const sameFamily = sameDistroFamily(plan, choice);
  if (choice.base.shell && plan.userSetup.length > 0 && sameFamily) {
    // Accounts and folders made the same way as in the original, owners and modes included.
    const setup = plan.userSetup.flatMap((i) => linesOf(model, i.range.start.line, i.range.end.line));
    if (setup.some((l) => /\bchown\b|\bchmod\b/.test(l))) setupAfterCopy.push(...setup);
    else runtime.push(...setup);
    setupRepeated = true;
  } else if (
    (user && !runtimeHasUser(choice.image, user)) ||
    plan.facts.prepared.users.length > 0 ||
    plan.preparedPaths.some((p) => p.owner)
  ) {
    runtime.push(`COPY ${from} /etc/passwd /etc/group /etc/`);
  }
  if (plan.workdir && plan.workdir !== '/' && !staticSite) runtime.push(`WORKDIR ${quoteIfNeeded(plan.workdir)}`);
  const manager = choice.base.packages === 'distro' ? null : choice.base.packages;
  const apt = plan.runtimePackages.apt.filter((p) => !(p === 'ca-certificates' && choice.base.certs));
  const apk = plan.runtimePackages.apk.filter((p) => !(p === 'ca-certificates' && choice.base.certs));
  if (manager === 'apt' && apt.length > 0) {
    runtime.push(
      `RUN apt-get update && apt-get install -y --no-install-recommends ${apt.join(' ')} && rm -rf /var/lib/apt/lists/*`,
    );
  }
  if (manager === 'apk' && apk.length > 0) runtime.push(`RUN apk add --no-cache ${apk.join(' ')}`);
  if (!choice.base.certs && (apt.includes('ca-certificates') || apk.includes('ca-certificates')) && manager === null) {
    runtime.push(`COPY ${from} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`);
  }
  for (const a of choice.artifacts) runtime.push(`COPY ${from} ${quoteIfNeeded(a.source)} ${quoteIfNeeded(a.dest)}`);
  if (!setupRepeated) {
    // Folders and links RUN prepared, with their owners, modes and link targets: `COPY --from` of a
    // folder makes the folder root's and of a link copies its target, so the builder stages them
    // with tar (which keeps all three) and the runtime copies the staged tree whole.
    const staged = [...plan.preparedPaths.map((p) => p.path), ...plan.preparedLinks.map((l) => l.link)].filter(
      (p) => !choice.artifacts.some((a) => p === a.dest || p.startsWith(a.dest.replace(/\/$/, '') + '/')),
    );
    if (staged.length > 0) {
      appended.push(
        `RUN mkdir -p ${STATE_DIR} && tar -C / -cf - ${staged.map((p) => quoteIfNeeded(p.replace(/^\//, ''))).join(' ')} | tar -xf - -C ${STATE_DIR}`,
      );
      runtime.push(`COPY ${from} ${STATE_DIR}/ /`);
    }
  }
  if (plan.ldconfig && choice.base.shell) runtime.push('RUN ldconfig');
  runtime.push(...setupAfterCopy);
  if (staticSite && plan.listenPort) {
    runtime.push(
      // nginx keeps port 80 and also listens on the port the original server used and exposed.
      `RUN sed -i -e '/listen[[:space:]]*80;/a\\    listen       ${plan.listenPort};' -e '/listen[[:space:]]*\\[::\\]:80;/a\\    listen       [::]:${plan.listenPort};' /etc/nginx/conf.d/default.conf`,
    );
  }
  if (staticSite && plan.spaFallback) {
    // `serve -s` answered every unknown path with index.html; nginx does so with try_files.
    runtime.push(
      `RUN sed -i '/location \\/ {/a\\        try_files $uri $uri/ /index.html;' /etc/nginx/conf.d/default.conf`,
    );
  }
  for (const block of blocks) runtime.push(...block.lines);

  // Appended after the last line: the builder's own text ends where the file ended.
  const endsWithBreak = /\n$/.test(model.text);
  const tail = (endsWithBreak || model.text === '' ? '' : eol) + [...appended, '', ...runtime].join(eol) + eol;
  const end = positionAt(model.lineStarts, model.text.length);
  edits.push({ range: { start: end, end }, newText: tail });
  return { edits, text: applyEdits(model.text, edits) };
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
