import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../core';
import { ruleDocHref } from '../host/rule-pages';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'stagewright';

/**
 * Findings are never changed once made, and the rules hand out the same finding objects for the parts
 * of a document an edit did not touch, so each is converted once. The diagnostics are shared between
 * publications and code actions: nothing may change them either.
 */
const CONVERTED = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(finding: Finding): Diagnostic {
  let diagnostic = CONVERTED.get(finding);
  if (!diagnostic) {
    diagnostic = convert(finding);
    CONVERTED.set(finding, diagnostic);
  }
  return diagnostic;
}

function convert(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: finding.message,
  };
  const href = ruleDocHref(finding.ruleId);
  if (href) diagnostic.codeDescription = { href };
  if (finding.tags) {
    diagnostic.tags = finding.tags.map((t) =>
      t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated,
    );
  }
  if (finding.data) diagnostic.data = { ruleId: finding.ruleId, ...finding.data };
  return diagnostic;
}
