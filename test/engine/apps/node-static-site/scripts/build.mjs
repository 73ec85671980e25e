// Renders content/*.md into dist/, copies static/ to dist/assets/ and writes a manifest.
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from './markdown.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

const page = (title, body) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<header><a href="/">${pkg.name}</a></header>
<main>
${body}
</main>
<footer>v${pkg.version}</footer>
</body>
</html>
`;

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'assets'), { recursive: true });
await cp(join(root, 'static'), join(dist, 'assets'), { recursive: true });

const manifest = {};
for (const file of (await readdir(join(root, 'content'))).filter((f) => f.endsWith('.md')).sort()) {
  const { meta, html } = parse(await readFile(join(root, 'content', file), 'utf8'));
  const out = file.replace(/\.md$/, '.html');
  const text = page(meta.title ?? out, html);
  await writeFile(join(dist, out), text);
  manifest[out] = createHash('sha256').update(text).digest('hex').slice(0, 16);
}
await writeFile(join(dist, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`built ${Object.keys(manifest).length} pages into dist/`);
