import type { ActionProvider } from './types';

/** Quick fix for maintainer-deprecated: `MAINTAINER x` -> `LABEL org.opencontainers.image.authors="x"`. */
export const maintainerToLabel: ActionProvider = {
  id: 'maintainer-to-label',
  provide({ analysis, findings }) {
    const { model } = analysis;
    return findings
      .filter((f) => f.ruleId === 'maintainer-deprecated')
      .flatMap((f) => {
        const instruction = model.instructions.find(
          (i) => i.keyword === 'MAINTAINER' && i.keywordRange.start.line === f.range.start.line,
        );
        if (!instruction?.argsRange) return [];
        const author = instruction.argsText.trim().replace(/^"(.*)"$/, '$1');
        const keyword = instruction.keywordText === instruction.keywordText.toLowerCase() ? 'label' : 'LABEL';
        const label = `${keyword} org.opencontainers.image.authors=${JSON.stringify(author).replace(/\$/g, '\\$')}`;
        return [
          {
            id: `maintainer-to-label:${instruction.index}`,
            title: 'Replace MAINTAINER with an org.opencontainers.image.authors LABEL',
            kind: 'quickfix' as const,
            isPreferred: true,
            fixes: [f],
            edits: () => [
              { range: { start: instruction.keywordRange.start, end: instruction.argsRange!.end }, newText: label },
            ],
          },
        ];
      });
  },
};
