import { rangeContains } from '../model/text';
import type { DockerfileModel, Position, Range } from '../model/types';
import { instructionAtPosition, stageSiteAt } from '../navigation/locate';
import { flagHover, keywordHover, mountOptionHover } from './instruction-docs';
import { stageDeclarationHover } from './stage-declaration';
import { stageReferenceHover } from './stage-reference';

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  /** The text the hover is about. */
  range: Range;
}

/**
 * The hover at a position: stage references and declarations are explained from the stage model;
 * keywords, flags and `--mount` options get short docs.
 */
export function hover(model: DockerfileModel, position: Position): HoverResult | null {
  if (model.skipped) return null;
  const site = stageSiteAt(model, position);
  if (site) {
    const markdown =
      site.kind === 'declaration'
        ? stageDeclarationHover(model, site.stage)
        : stageReferenceHover(model, site.reference);
    return { markdown, range: site.range };
  }
  const instruction = instructionAtPosition(model, position);
  if (instruction) {
    if (rangeContains(instruction.keywordRange, position)) {
      const markdown = keywordHover(instruction.keyword);
      return markdown ? { markdown, range: instruction.keywordRange } : null;
    }
    for (const flag of instruction.flags) {
      if (rangeContains(flag.nameRange, position)) {
        const markdown = flagHover(instruction.keyword, flag.name);
        return markdown ? { markdown, range: flag.nameRange } : null;
      }
      if (flag.name.toLowerCase() !== 'mount') continue;
      for (const option of flag.options) {
        if (rangeContains(option.nameRange, position)) {
          const markdown = mountOptionHover(option.name);
          return markdown ? { markdown, range: option.nameRange } : null;
        }
      }
    }
    return null;
  }
  return null;
}
