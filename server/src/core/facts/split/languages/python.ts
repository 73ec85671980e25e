import * as path from 'node:path/posix';
import { resolveIn } from '../../../syntax/paths';
import { programWords, runCommands } from '../../stage-facts';
import { appDir, noAppDirReason } from './common';
import { decline, planned, type LanguagePlanner } from './types';

/** `python -m venv /opt/venv` in the stage: the folder the original builds into. */
function existingVenv(instructions: readonly import('../../../model').Instruction[]): string | null {
  for (const i of instructions) {
    if (i.keyword !== 'RUN') continue;
    for (const c of runCommands(i)) {
      const w = c.words;
      if (
        /^python[\d.]*$/.test(path.basename(w[0] ?? '')) &&
        w[1] === '-m' &&
        (w[2] === 'venv' || w[2] === 'virtualenv')
      ) {
        const dir = w.slice(3).find((x) => !x.startsWith('-'));
        if (dir?.startsWith('/')) return dir.replace(/\/$/, '');
      }
    }
  }
  return null;
}

/**
 * Python: the build runs unchanged. The runtime gets what it installed: the venv the original
 * already builds into, or the interpreter prefix's site-packages and console scripts
 * (`/usr/local/lib/pythonX.Y/site-packages`, `/usr/local/bin`), and the app directory.
 */
export const pythonPlanner: LanguagePlanner = {
  language: 'python',
  plan({ facts, stage, workdir, exposes }) {
    if (facts.shortName !== 'python')
      return decline('Python does not come from a python image, so its runtime version is unknown');
    const app = appDir(facts);
    if (!app) return decline(noAppDirReason(facts));
    // `python -m http.server --directory public`: the built site is plain files for nginx.
    const words = programWords(facts.command);
    if (/^python[\d.]*$/.test(path.basename(words[0] ?? '')) && words[1] === '-m' && words[2] === 'http.server') {
      const i = words.findIndex((w) => w === '--directory' || w === '-d');
      const site = i >= 0 && words[i + 1] ? resolveIn(workdir, words[i + 1]!) : workdir;
      const port = exposes.flatMap((e) => e.args.map((a) => a.value.split('/')[0]!))[0];
      return planned({
        profile: 'static-site',
        artifacts: [{ source: site, dest: '/usr/share/nginx/html' }],
        listenPort: port && port !== '80' && /^\d+$/.test(port) ? port : null,
        carriesAppDirectory: true,
      });
    }
    const pips = facts.builds.filter(
      (b) => b.row.language === 'python' && b.row.id !== 'python -m venv' && b.row.id !== 'python script',
    );
    if (pips.length === 0) {
      // Only scripts of the app ran: the app directory with what they wrote is all there is.
      if (facts.builds.some((b) => b.row.id === 'python script'))
        return planned({ profile: 'python', artifacts: [{ source: app, dest: app }], carriesAppDirectory: true });
      return decline('no pip install was found in the final stage');
    }
    if (pips.some((b) => b.command.words.some((w) => /^--(user|target|root)\b/.test(w) || w === '-t'))) {
      return decline("pip installs outside the interpreter's prefix (--user/--target/--root)");
    }
    if (pips.some((b) => b.row.id !== 'pip install')) return decline('poetry/pipenv/uv environments are not split yet');
    const venv = existingVenv(stage.instructions);
    const prefixes = pips.flatMap((b) => b.output.artifacts);
    const installed: string[] = [];
    if (venv) installed.push(venv);
    else {
      const version = /^(\d+\.\d+)/.exec(facts.image?.tag ?? '')?.[1];
      // Without the exact X.Y the whole prefix goes: the slim image has the same interpreter there.
      if (version) installed.push(`/usr/local/lib/python${version}/site-packages`, '/usr/local/bin');
      else installed.push('/usr/local');
    }
    for (const p of prefixes) if (!installed.some((i) => p === i || p.startsWith(i + '/'))) installed.push(p);
    const artifacts = installed.map((p) => ({ source: p, dest: p }));
    if (!installed.some((i) => app === i || app.startsWith(i + '/'))) artifacts.push({ source: app, dest: app });
    return planned({ profile: 'python', artifacts, carriesAppDirectory: true });
  },
};
