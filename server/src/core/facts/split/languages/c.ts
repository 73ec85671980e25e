import { planNative } from './native';
import type { LanguagePlanner } from './types';

/** c: the program files the build leaves (see native.ts), on a runtime matched to their linkage. */
export const cPlanner: LanguagePlanner = {
  language: 'c',
  plan: (context) => planNative(context, 'c'),
};
