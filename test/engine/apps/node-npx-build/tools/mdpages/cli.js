#!/usr/bin/env node
// mdpages build [SRC] [OUT]: headings (#, ##), paragraphs, `code` and [links](url) -> HTML files.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const inline = (s) =>
  escape(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');

function convert(text) {
  const blocks = text.trim().split(/\n\s*\n/);
  let title = 'Untitled';
  const html = blocks.map((b) => {
    const h = /^(#{1,2})\s+(.*)$/.exec(b.trim());
    if (h) {
      if (h[1] === '#' && title === 'Untitled') title = h[2];
      return `<h${h[1].length}>${inline(h[2])}</h${h[1].length}>`;
    }
    return `<p>${inline(b.replace(/\s*\n\s*/g, ' '))}</p>`;
  });
  return { title, body: html.join('\n') };
}

const [command, src = 'pages', out = 'out'] = process.argv.slice(2);
if (command !== 'build') {
  console.error('usage: mdpages build [SRC] [OUT]');
  process.exit(2);
}
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const index = [];
for (const file of fs.readdirSync(src).filter((f) => f.endsWith('.md')).sort()) {
  const { title, body } = convert(fs.readFileSync(path.join(src, file), 'utf8'));
  const name = file.replace(/\.md$/, '.html');
  fs.writeFileSync(path.join(out, name), `<!doctype html>\n<title>${escape(title)}</title>\n${body}\n`);
  index.push({ name, title });
}
fs.writeFileSync(path.join(out, 'index.json'), JSON.stringify(index, null, 1));
console.log(`mdpages: ${index.length} pages -> ${out}/`);
