import * as path from 'node:path/posix';
import { BUSYBOX_APPLETS, SHELL_WORDS } from '../../../knowledge/shell-tools';
import { resolveIn } from '../../../syntax/paths';
import { splitCommands } from '../../../syntax/shell';
import { programWords, type StageFacts } from '../../stage-facts';
import { appDir } from './common';
import { decline, planned, type LanguagePlanner } from './types';

const FULL_DISTROS = new Set(['debian', 'ubuntu', 'buildpack-deps']);

/**
 * A full Debian/Ubuntu image that only runs a POSIX shell script of the app: when the script calls
 * nothing but busybox applets, busybox runs it. Returns the app directory to copy.
 */
export function busyboxScript(facts: StageFacts): string | null {
  if (!facts.shortName || !FULL_DISTROS.has(facts.shortName) || facts.installs.length > 0 || facts.workdir === null)
    return null;
  const app = appDir(facts);
  const words = programWords(facts.command);
  if (!app || !words[0]) return null;
  let file = words[0];
  if (['sh', '/bin/sh'].includes(file) && words[1] && !words[1].startsWith('-')) file = words[1];
  const resolved = resolveIn(facts.workdir, file);
  if (!resolved.startsWith(app + '/')) return null;
  const text = facts.readImageFile(resolved);
  if (!text || !/^#!\s*(\/bin\/sh|\/usr\/bin\/env\s+sh)\s*$/m.test(text.split('\n')[0] ?? '')) return null;
  const functions = new Set([...text.matchAll(/^\s*([A-Za-z_][\w-]*)\s*\(\)/gm)].map((m) => m[1]!));
  const commands = splitCommands(text).map((c) => c.words[0] ?? '');
  for (const m of text.matchAll(/\$\(\s*([A-Za-z_][\w.-]*)|`\s*([A-Za-z_][\w.-]*)/g)) commands.push(m[1] ?? m[2]!);
  for (const c of commands) {
    const name = c.replace(/^\$+/, '');
    if (!name || name.startsWith('$') || /^[A-Za-z_]\w*=/.test(name) || /^[0-9]*[<>]/.test(name) || functions.has(name))
      continue;
    if (SHELL_WORDS.has(name) || BUSYBOX_APPLETS.has(path.basename(name))) continue;
    if (name.includes('/') && resolveIn(facts.workdir, name).startsWith(app + '/')) continue;
    return null;
  }
  return app;
}

/** A POSIX shell script on a full distribution image: busybox runs it when it calls only applets. */
export const shellPlanner: LanguagePlanner = {
  language: 'shell',
  plan({ facts }) {
    const script = busyboxScript(facts);
    if (!script) return decline('the script calls programs busybox does not have');
    return planned({
      profile: 'shell-script',
      artifacts: [{ source: script, dest: script }],
      carriesAppDirectory: true,
    });
  },
};
