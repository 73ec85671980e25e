import { parseDockerfile, type DockerfileModel } from './model';
import { RULES } from './rules';
import type { Finding, Rule, SeveritySetting } from './rules/types';

export interface AnalysisSettings {
  /** Severity per rule id; rules not listed keep their default. */
  rules?: Record<string, SeveritySetting>;
}

export interface Analysis {
  model: DockerfileModel;
  findings: Finding[];
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/** Runs the rules over a parsed model. A rule that throws is reported, never propagated. */
export function runRules(model: DockerfileModel, settings: AnalysisSettings = {}, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  if (model.skipped) return findings;
  for (const rule of rules) {
    const configured = settings.rules?.[rule.meta.id];
    if (configured === 'off') continue;
    try {
      rule.check({
        model,
        report(report) {
          findings.push({
            ruleId: rule.meta.id,
            severity: configured ?? report.severity ?? rule.meta.severity,
            message: report.message,
            range: report.range,
            ...(report.tags ? { tags: report.tags } : {}),
            ...(report.data ? { data: report.data } : {}),
          });
        },
      });
    } catch (error) {
      findings.push({
        ruleId: 'internal-error',
        severity: 'information',
        message: `Rule ${rule.meta.id} failed on this file: ${error instanceof Error ? error.message : String(error)}`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
    }
  }
  return findings.sort(compareFindings);
}

/** Parses and checks a Dockerfile. */
export function analyze(text: string, settings: AnalysisSettings = {}): Analysis {
  const model = parseDockerfile(text);
  return { model, findings: runRules(model, settings) };
}
