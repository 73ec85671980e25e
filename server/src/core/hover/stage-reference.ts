import type { DockerfileModel, Instruction, Stage, StageReference } from '../model/types';
import { stageLabel } from '../model/labels';
import { finalBaseChain } from '../model/queries';
import { likelyStageTypo } from '../model/stage-typo';
import { baseText } from '../navigation/locate';
import { code } from './markdown';
import { isAbsolute, resolvePath } from '../syntax/paths';
import { stageFacts, stagePaths, workdirAt } from './stage-facts';

const MAX_STEPS = 4;

/** `golang:1.22`, stage `deps`, `scratch` (empty), as the heading's "based on" part. */
function describeBase(model: DockerfileModel, stage: Stage): string {
  const base = stage.base;
  if (base.kind === 'stage') return `stage ${code(stageLabel(model.stages[base.stage]!))}`;
  if (base.kind === 'scratch') return '`scratch` (an empty filesystem)';
  return code(shortDigest(baseText(stage)) || '?');
}

/** `image@sha256:0123456789ab…`: a digest is checked by BuildKit, not read by people. */
function shortDigest(image: string): string {
  return image.replace(/@(sha256:[0-9a-f]{12})[0-9a-f]{20,}/i, '@$1…');
}

/** Heading and summary of a stage: name, index, line, base, what it runs and produces. */
export function stageHeading(model: DockerfileModel, stage: Stage): string[] {
  const line = stage.from.range.start.line + 1;
  const title = stage.name
    ? `**${code(stage.name)}** — stage ${stage.index} (line ${line})`
    : `**Stage ${stage.index}** (unnamed, line ${line})`;
  const lines = [`${title}, based on ${describeBase(model, stage)}`];
  const facts = stageFacts(model, stage);
  const body: string[] = [];
  if (facts.steps.length > 0) {
    const shown = facts.steps.slice(0, MAX_STEPS).map(code).join(' · ');
    const more = facts.steps.length > MAX_STEPS ? ` · … (${facts.steps.length - MAX_STEPS} more)` : '';
    body.push(`Runs: ${shown}${more}`);
  }
  if (facts.outputs.length > 0) body.push(`Produces: ${facts.outputs.map(code).join(', ')}`);
  if (body.length > 0) lines.push(body.join('  \n'));
  return lines;
}

interface CopyPaths {
  sources: string[];
  destination: string;
}

/** Sources and destination of a COPY or ADD, from its arguments or its JSON form. */
function copyPaths(instruction: Instruction): CopyPaths | null {
  let values = instruction.args.map((a) => a.value);
  if (instruction.json) {
    try {
      const parsed: unknown = JSON.parse(values.join(' '));
      if (Array.isArray(parsed)) values = parsed.map(String);
    } catch {
      return null;
    }
  }
  if (instruction.heredocs.length > 0 || values.length < 2) return null;
  return { sources: values.slice(0, -1), destination: values[values.length - 1]! };
}

function copyLines(
  model: DockerfileModel,
  reference: StageReference,
  sourceStage: Stage | null,
  fromLabel: string,
): string[] {
  const instruction = reference.instruction;
  const paths = copyPaths(instruction);
  if (!paths) return [];
  const current = model.stages[reference.fromStage]!;
  // Paths follow the platform: a Windows stage writes `C:\\app`, never `/C:\\app`.
  const target = stagePaths(model, current);
  const source = sourceStage ? stagePaths(model, sourceStage) : target;
  const destDir = workdirAt(model, current, instruction);
  const intoDirectory = paths.sources.length > 1 || /[\\/]$/.test(paths.destination);
  const destination = target.resolve(destDir, paths.destination);
  const shownDestination =
    intoDirectory && !/[\\/]$/.test(destination) ? `${destination}${target.windows ? '\\' : '/'}` : destination;
  // Relative sources of COPY --from are read from the root of the stage, whatever its WORKDIR.
  // Into a directory, a file keeps its name (BuildKit's rule); a directory's contents land there.
  const landing = (s: string): string =>
    intoDirectory && !/[\\/]$/.test(s) && !/[*?[]/.test(s) && source.baseName(s) !== '.' && source.baseName(s) !== ''
      ? target.resolve(shownDestination, source.baseName(s))
      : shownDestination;
  const list = paths.sources.map((s) => `- ${code(source.resolve(source.root, s))} → ${code(landing(s))}`).join('\n');
  const lines = [`This ${code(instruction.keyword)} takes from ${code(fromLabel)}:\n${list}`];
  const relative = paths.sources.filter((s) => !isAbsolute(s) && !(source.windows && /^[A-Za-z]:/.test(s)));
  if (sourceStage) {
    const workdir = workdirAt(model, sourceStage);
    const sep = source.windows ? '\\' : '/';
    // Worth a word when a relative source looks meant for the WORKDIR rather than the root.
    const misleading = relative.find(
      (s) =>
        !`${source.resolve(source.root, s)}${sep}`.startsWith(workdir.endsWith(sep) ? workdir : `${workdir}${sep}`),
    );
    if (workdir !== source.root && workdir !== '/' && misleading) {
      lines.push(
        `Relative sources are read from the root of ${code(fromLabel)}, not from its WORKDIR ${code(workdir)}: ${code(misleading)} means ${code(source.resolve(source.root, misleading))}.`,
      );
    }
  }
  return lines;
}

/** `` `runtime` `` or `this stage` for an unnamed one. */
function here(stage: Stage): string {
  return stage.name ? code(stage.name) : 'this stage';
}

function mountLine(reference: StageReference, fromLabel: string, current: Stage): string {
  const mount = reference.instruction.flags.find(
    (f) =>
      f.name.toLowerCase() === 'mount' &&
      f.options.some(
        (o) =>
          o.valueRange &&
          o.valueRange.start.line === reference.range.start.line &&
          o.valueRange.start.character === reference.range.start.character,
      ),
  );
  const option = (name: string): string | null =>
    mount?.options.find((o) => o.name.toLowerCase() === name)?.value ?? null;
  const type = (option('type') ?? 'bind').toLowerCase();
  const source = resolvePath('/', option('source') ?? option('src') ?? '/');
  const target = option('target') ?? option('dst') ?? option('destination');
  const at = target ? ` at ${code(target)}` : '';
  if (type === 'cache') {
    return `The cache mounted${at} starts out with ${code(source)} of ${code(fromLabel)}. Nothing of it stays in ${here(current)}.`;
  }
  const rw = mount?.options.find((o) => o.name.toLowerCase() === 'rw' || o.name.toLowerCase() === 'readwrite');
  const access = rw && rw.value?.toLowerCase() !== 'false' ? 'writable, changes discarded' : 'read-only';
  return `While this ${code('RUN')} runs, ${code(source)} of ${code(fromLabel)} is mounted${at} (${access}). Nothing of it stays in ${here(current)}.`;
}

function finalStatus(model: DockerfileModel, stage: Stage, reference: StageReference): string {
  const label = code(stageLabel(stage));
  if (stage.index === model.finalStage) return `${label} is the final stage itself.`;
  if (finalBaseChain(model).has(stage.index))
    return `The final image is built on ${label}, so all of ${label} ships in it.`;
  if (!model.reachable[stage.index])
    return `${label} is not built for the default target: the final stage does not need it.`;
  if (reference.kind === 'mount-from')
    return `${label} is not in the final image; it is built only to serve mounts and copies.`;
  if (reference.kind === 'from') {
    return `Neither is in the final image: only files that later stages copy out of ${code(stageLabel(model.stages[reference.fromStage]!))} ship.`;
  }
  return `${label} is not in the final image: only what is copied out of it is.`;
}

function rest(model: DockerfileModel, reference: StageReference, stage: Stage): string[] {
  const current = model.stages[reference.fromStage]!;
  const label = stageLabel(stage);
  const out: string[] = [];
  if (reference.kind === 'copy-from') {
    out.push(...copyLines(model, reference, stage, label));
    out.push(
      `Only these paths enter ${here(current)}; the rest of ${code(label)} (compilers, caches, sources) stays behind.`,
    );
  } else if (reference.kind === 'mount-from') {
    out.push(mountLine(reference, label, current));
  } else {
    out.push(
      `${current.name ? code(current.name) : 'This stage'} starts from everything in ${code(label)}: all its files (compilers, caches and sources included), ENV, WORKDIR and USER.`,
    );
  }
  out.push(finalStatus(model, stage, reference));
  return out;
}

/** The Markdown hover for a `--from=`, `from=` or `FROM` value. */
export function stageReferenceHover(model: DockerfileModel, reference: StageReference): string {
  const target = reference.target;
  const current = model.stages[reference.fromStage]!;
  const written =
    reference.kind === 'from'
      ? reference.value
      : `${reference.kind === 'copy-from' ? '--from' : 'from'}=${reference.value}`;
  if (target.kind === 'stage') {
    const stage = model.stages[target.stage]!;
    const sections = stageHeading(model, stage);
    if (reference.byIndex) {
      sections[0] = `${code(written)} → ${sections[0]}`;
    }
    sections.push(...rest(model, reference, stage));
    if (reference.byIndex) {
      sections.push(
        stage.name
          ? `Tip: refer to it by name, ${code(`--from=${stage.name}`)}: indexes change when stages are added or moved.`
          : `Tip: name it (${code(`FROM ${baseText(stage)} AS <name>`)}) and use ${code('--from=<name>')}: indexes change when stages are added or moved.`,
      );
    }
    return sections.join('\n\n');
  }
  if (target.kind === 'invalid-index') {
    const count = model.stages.length;
    return `${code(written)}: there is no stage ${reference.value}; this Dockerfile has ${count} stage${count === 1 ? '' : 's'} (${count === 1 ? '0' : `0–${count - 1}`}).`;
  }
  const sections: string[] = [];
  if (target.kind === 'variable') {
    sections.push(
      `${code(reference.value)} is resolved at build time from a build argument: it may name a stage, an image or a build context.`,
    );
  } else {
    // The same answer as copy-from-undefined-stage: a value close to a stage's name is a likely typo.
    const typo = reference.kind === 'from' ? null : likelyStageTypo(model, reference.value);
    const stage = typo === null ? undefined : model.stages.find((s) => s.name === typo);
    if (typo !== null && stage) {
      sections.push(
        `${code(reference.value)} is not a stage of this Dockerfile: likely a typo of stage ${code(typo)} (line ${stage.from.range.start.line + 1}). As written, BuildKit reads it as an image (or a build context given with ${code('--build-context')}) and tries to pull ${code(reference.value)}.`,
      );
    } else {
      sections.push(
        `${code(reference.value)} is an image, not a stage of this Dockerfile: the files are read from that image (or from a build context of that name given with ${code('--build-context')}).`,
      );
    }
  }
  if (reference.kind === 'copy-from') {
    sections.push(...copyLines(model, reference, null, reference.value));
    sections.push(`Only these paths enter ${here(current)}.`);
  } else if (reference.kind === 'mount-from') {
    sections.push(mountLine(reference, reference.value, current));
  }
  return sections.join('\n\n');
}
