import { planNative } from './native';
import type { LanguagePlanner } from './types';

/** rust: the program files the build leaves (see native.ts), on a runtime matched to their linkage. */
export const rustPlanner: LanguagePlanner = {
  language: 'rust',
  plan: (context) => planNative(context, 'rust'),
};
