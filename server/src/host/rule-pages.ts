import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The rule pages ship inside the extension (docs/rules/<id>.md beside dist/), so a diagnostic links to
 * the installed copy: a file URI computed from the server's own location (dist/server.js). It opens
 * offline and always matches the installed version; any editor can open it. VS Code shows it rendered:
 * package.json's configurationDefaults associates the installed extension's docs/rules/*.md with the
 * Markdown preview editor, so the link opens the preview, from the Problems panel and from the hover
 * alike (a `command:` link would work in the Problems panel only: the hover opens links without
 * allowing commands).
 */
const DOCS_DIR = path.join(__dirname, '..', 'docs', 'rules');
const hrefs = new Map<string, string | null>();

/** The file URI of a rule's page, or undefined when the page is not there (e.g. not a rule). */
export function ruleDocHref(ruleId: string): string | undefined {
  let href = hrefs.get(ruleId);
  if (href === undefined) {
    const file = path.join(DOCS_DIR, `${ruleId}.md`);
    href = /^[a-z0-9-]+$/.test(ruleId) && existsSync(file) ? pathToFileURL(file).href : null;
    hrefs.set(ruleId, href);
  }
  return href ?? undefined;
}
