import type { Language } from '../../../knowledge/toolchains';
import { cPlanner } from './c';
import { dotnetPlanner } from './dotnet';
import { goPlanner } from './go';
import { javaPlanner } from './java';
import { nodePlanner } from './node';
import { pythonPlanner } from './python';
import { rustPlanner } from './rust';
import { shellPlanner } from './shell';
import type { LanguagePlanner } from './types';

/** The split's planners, one per language; adding a language adds a file and a line here. */
export const PLANNERS: Readonly<Record<Language, LanguagePlanner>> = {
  go: goPlanner,
  rust: rustPlanner,
  c: cPlanner,
  java: javaPlanner,
  dotnet: dotnetPlanner,
  node: nodePlanner,
  python: pythonPlanner,
  shell: shellPlanner,
};
