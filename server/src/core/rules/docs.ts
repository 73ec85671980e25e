/**
 * The rule documentation as Markdown, rendered from each rule's metadata. `npm run generate` writes it
 * to docs/rules/; the CLI embeds it in SARIF output. Plain text in, plain text out.
 */
import type { Rule } from './types';

/** Where BuildKit documents one of its checks: `StageNameCasing` -> `stage-name-casing`. */
export function buildkitCheckUrl(name: string): string {
  const slug = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `https://docs.docker.com/reference/build-checks/${slug}/`;
}

export function hadolintRuleUrl(code: string): string {
  return `https://github.com/hadolint/hadolint/wiki/${code}`;
}

function fence(text: string): string {
  return '```dockerfile\n' + text.replace(/\n+$/, '') + '\n```';
}

/** The page docs/rules/<id>.md. */
export function ruleDocMarkdown(rule: Rule): string {
  const { meta } = rule;
  const rows: [string, string][] = [
    ['Default severity', meta.enabledByDefault === false ? `off (${meta.severity} when turned on)` : meta.severity],
  ];
  rows.push(['Quick fix', meta.fixTitle ?? 'none (suppress it with a comment, see below)']);
  if (meta.peers?.buildkit)
    rows.push(['BuildKit check', `[${meta.peers.buildkit}](${buildkitCheckUrl(meta.peers.buildkit)})`]);
  if (meta.peers?.hadolint?.length) {
    rows.push(['hadolint', meta.peers.hadolint.map((c) => `[${c}](${hadolintRuleUrl(c)})`).join(', ')]);
  }
  if (meta.reportedByDockerExtension) {
    rows.push([
      'Also reported by the Docker extensions',
      'yes: hidden while one is installed (`stagewright.hideRulesReportedByDockerExtension`)',
    ]);
  }
  const suppress = [
    `- this instruction only: \`# stagewright-ignore ${meta.id}\` on a line above it;`,
    `- the whole file: \`# stagewright-ignore-file ${meta.id}\`;`,
  ];
  if (meta.peers?.buildkit) {
    suppress.push(
      `- as BuildKit does, for the whole file: \`# check=skip=${meta.peers.buildkit}\` among the parser directives at the top;`,
    );
  }
  if (meta.peers?.hadolint?.length) {
    suppress.push(`- as hadolint does: \`# hadolint ignore=${meta.peers.hadolint.join(',')}\` above the instruction.`);
  }
  suppress[suppress.length - 1] = suppress[suppress.length - 1]!.replace(/;$/, '.');
  return [
    `# ${meta.id}`,
    '',
    meta.title.replace(/\.?$/, '.'),
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '## What it flags',
    '',
    meta.docs.what,
    '',
    '## Why it matters',
    '',
    meta.docs.why,
    '',
    ...(meta.docs.dockerignore !== undefined
      ? [
          'With this `.dockerignore` beside the Dockerfile:',
          '',
          '```text\n' + meta.docs.dockerignore.replace(/\n+$/, '') + '\n```',
          '',
        ]
      : []),
    '## Example',
    '',
    fence(meta.docs.example),
    '',
    '## Better',
    '',
    fence(meta.docs.better),
    '',
    '## Silencing it',
    '',
    ...suppress,
    '',
    meta.enabledByDefault === false
      ? `It is off by default. Turn it on with a severity in the settings (\`"stagewright.rules": { "${meta.id}": "${meta.severity}" }\`) or in \`.stagewright.yaml\` (\`rules: { ${meta.id}: ${meta.severity} }\`); on the command line: \`stagewright check --enable ${meta.id}\`.`
      : `Or change its severity in the settings: \`"stagewright.rules": { "${meta.id}": "off" }\` (or \`hint\`, \`information\`, \`warning\`, \`error\`). On the command line: \`stagewright check --ignore ${meta.id}\`.`,
    '',
    "<!-- Generated from the rule's metadata by `npm run generate`; edit the rule, not this file. -->",
    '',
  ].join('\n');
}

/** The page docs/rules/README.md: every rule, and how suppressions work. */
export function rulesIndexMarkdown(rules: readonly Rule[]): string {
  const sorted = [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const cell = (s: string | undefined) => (s ? s.replace(/\|/g, '\\|') : '');
  return [
    '# Rules',
    '',
    `Stagewright has ${rules.length} rules. Each page says what the rule flags, why, an example and its fix.`,
    '',
    '| Rule | Default | What it flags | BuildKit | hadolint | Quick fix |',
    '| --- | --- | --- | --- | --- | --- |',
    ...sorted.map((r) => {
      const m = r.meta;
      return `| [${m.id}](${m.id}.md) | ${m.enabledByDefault === false ? 'off' : m.severity} | ${cell(m.title)} | ${cell(m.peers?.buildkit)} | ${cell(m.peers?.hadolint?.join(', '))} | ${cell(m.fixTitle)} |`;
    }),
    '',
    '## Suppressing findings',
    '',
    'Comments in the Dockerfile silence findings, in the editor and on the command line alike:',
    '',
    '- `# stagewright-ignore <rule-id>[,<rule-id>...] [-- reason]` silences those rules for the next instruction',
    '  (the first instruction that starts below the comment; blank lines and other comments may stand between).',
    '  `all` silences every rule there. A comment between the continuation lines of an instruction silences nothing.',
    '- `# stagewright-ignore-file <rule-id>[,<rule-id>...] [-- reason]`, anywhere in the file, silences those rules',
    '  (or `all`) for the whole file.',
    "- `# check=skip=<Name>[,<Name>...]` or `# check=skip=all`, BuildKit's parser directive, silences the rules whose",
    '  BuildKit check is named (names match exactly, as in BuildKit). Like every parser directive it counts only in',
    '  the block of `# name=value` lines at the very top of the file.',
    '- `# check=error=true` makes the warnings of rules with a BuildKit check errors, as the build fails on them.',
    '- `# hadolint ignore=DL3022,DL3024` silences the rules with those hadolint codes for the next instruction;',
    '  `# hadolint global ignore=...` for the whole file.',
    '',
    'The quick fix "Suppress <rule> for this instruction" writes the first kind of comment for you.',
    '',
    "<!-- Generated from the rules' metadata by `npm run generate`; edit the rules, not this file. -->",
    '',
  ].join('\n');
}
