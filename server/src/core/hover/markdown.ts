/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  if (!text.includes('`')) return `\`${text}\``;
  return `\`\` ${text} \`\``;
}

/** Escapes the characters Markdown would interpret in plain prose. */
export function escapeText(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
