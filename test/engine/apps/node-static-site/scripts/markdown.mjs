// A deliberately small Markdown subset: front matter, headings, paragraphs, ordered and unordered
// lists, **strong**, *emphasis*, `code` and [links](url).

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function inline(text) {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

export function parse(source) {
  const meta = {};
  let body = source;
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (fm) {
    for (const line of fm[1].split('\n')) {
      const m = /^(\w+):\s*(.*)$/.exec(line);
      if (m) meta[m[1]] = m[2];
    }
    body = source.slice(fm[0].length);
  }
  const html = [];
  for (const block of body.trim().split(/\n{2,}/)) {
    const lines = block.split('\n');
    const heading = /^(#{1,6})\s+(.*)$/.exec(block);
    if (heading && lines.length === 1) {
      html.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`);
    } else if (lines.every((l) => /^[-*]\s+/.test(l))) {
      html.push('<ul>', ...lines.map((l) => `  <li>${inline(l.replace(/^[-*]\s+/, ''))}</li>`), '</ul>');
    } else if (lines.every((l) => /^\d+\.\s+/.test(l))) {
      html.push('<ol>', ...lines.map((l) => `  <li>${inline(l.replace(/^\d+\.\s+/, ''))}</li>`), '</ol>');
    } else {
      html.push(`<p>${inline(lines.join(' '))}</p>`);
    }
  }
  return { meta, html: html.join('\n') };
}
