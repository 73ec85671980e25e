import { planNative } from './native';
import type { LanguagePlanner } from './types';

/** go: the program files the build leaves (see native.ts), on a runtime matched to their linkage. */
export const goPlanner: LanguagePlanner = {
  language: 'go',
  plan: (context) => planNative(context, 'go'),
};
