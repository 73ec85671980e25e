import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pngSize, readZip } from './zip';

// The packaged extension as the marketplaces receive it: made once by scripts/package.mjs (esbuild, then
// vsce package), then read back from the .vsix.

const ROOT = path.join(__dirname, '..', '..');
const REPOSITORY = 'https://github.com/stagewright/stagewright';
const dir = mkdtempSync(path.join(tmpdir(), 'stagewright-vsix-'));
const out = path.join(dir, 'stagewright.vsix');
after(() => rmSync(dir, { recursive: true, force: true }));

let packOutput = '';
let entries = new Map<string, Buffer>();
let manifest: Record<string, unknown> = {};
const text = (name: string) => {
  const entry = entries.get(name);
  assert.ok(entry, `${name} is in the .vsix`);
  return entry.toString('utf8');
};

before(() => {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), out], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  packOutput = `${run.stdout}${run.stderr}`;
  assert.equal(run.status, 0, packOutput);
  entries = readZip(readFileSync(out));
  manifest = JSON.parse(text('extension/package.json'));
});

test('vsce packages without a warning', () => {
  // vsce prints its warnings (missing repository, LICENSE, bundling, ...) with a WARNING prefix.
  assert.doesNotMatch(packOutput, /WARNING/, packOutput);
  assert.match(packOutput, /DONE\s+Packaged/);
});

test('the .vsix holds the bundles and metadata only, and stays small', () => {
  const size = statSync(out).size;
  assert.ok(size < 600 * 1024, `the .vsix is ${size} bytes`);
  const names = [...entries.keys()];
  for (const name of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/package.json']) {
    assert.ok(names.includes(name), name);
  }
  // Diagnostics link to the rule pages beside dist/ (server/src/host/rule-pages.ts).
  assert.ok(names.includes('extension/docs/rules/README.md'));
  assert.ok(names.includes('extension/docs/rules/copy-from-undefined-stage.md'));
  for (const name of names) {
    assert.doesNotMatch(name, /node_modules|\.map$|\/src\/|\/test\/|\.svg$/, `unexpected file in the .vsix: ${name}`);
  }
  // The screenshots are linked from the repository, not shipped.
  assert.ok(!names.some((name) => name.startsWith('extension/docs/images/editor-')));
});

test('the icon is a square PNG the marketplace can show', () => {
  assert.equal(typeof manifest.icon, 'string');
  const icon = entries.get(`extension/${manifest.icon}`);
  assert.ok(icon, `the icon ${manifest.icon} is in the .vsix`);
  const { width, height } = pngSize(icon);
  assert.equal(width, height);
  assert.ok(width === 128 || width === 256, `icon is ${width}x${height}`);
  assert.match(text('extension.vsixmanifest'), new RegExp(`<Icon>extension/${manifest.icon}</Icon>`));
});

test('gallery banner, repository, bugs and homepage name one project', () => {
  const banner = manifest.galleryBanner as { color?: string; theme?: string };
  assert.match(banner.color ?? '', /^#[0-9a-fA-F]{6}$/);
  assert.ok(banner.theme === 'dark' || banner.theme === 'light');
  const repository = manifest.repository as { type?: string; url?: string };
  assert.equal(repository.type, 'git');
  assert.equal(repository.url, `${REPOSITORY}.git`);
  assert.equal((manifest.bugs as { url?: string }).url, `${REPOSITORY}/issues`);
  assert.ok(String(manifest.homepage).startsWith(REPOSITORY));
  const vsixManifest = text('extension.vsixmanifest');
  const property = (id: string) => vsixManifest.match(new RegExp(`Id="${id}" Value="([^"]*)"`))?.[1];
  assert.equal(property('Microsoft.VisualStudio.Services.Links.Source'), `${REPOSITORY}.git`);
  assert.equal(property('Microsoft.VisualStudio.Services.Links.Support'), `${REPOSITORY}/issues`);
  assert.equal(property('Microsoft.VisualStudio.Services.Links.Learn'), manifest.homepage);
  assert.equal(property('Microsoft.VisualStudio.Services.Branding.Color'), banner.color);
  assert.equal(property('Microsoft.VisualStudio.Services.Branding.Theme'), banner.theme);
});

test('the changelog ships and starts at this version', () => {
  const changelog = text('extension/changelog.md');
  assert.match(text('extension.vsixmanifest'), /Type="Microsoft\.VisualStudio\.Services\.Content\.Changelog"/);
  const versions = [...changelog.matchAll(/^## (\S+)/gm)].map((match) => match[1]);
  assert.equal(versions[0], manifest.version, 'the newest entry is the packaged version');
});

test('the extension page is the users’ readme, with images and links that resolve on the marketplace', () => {
  const readme = text('extension/readme.md');
  assert.equal(readme, rewrittenLinks(readFileSync(path.join(ROOT, 'MARKETPLACE.md'), 'utf8')));
  // Written for users: no contributor commands.
  assert.doesNotMatch(readme, /npm (ci|test|run)\b/);
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
  assert.ok(images.length >= 3, 'the page shows the screenshots');
  for (const link of [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '')) {
    assert.match(link, /^https:\/\//, `a link the marketplace cannot follow: ${link}`);
    const inRepository = link.match(/^https:\/\/github\.com\/stagewright\/stagewright\/(?:raw|blob)\/HEAD\/([^#]+)/);
    if (inRepository?.[1]) assert.ok(existsSync(path.join(ROOT, inRepository[1])), `${link} names no file`);
  }
  for (const image of images) {
    assert.match(image, /^https:\/\/github\.com\/stagewright\/stagewright\/raw\/HEAD\/.+\.png$/, image);
  }
});

/** What vsce should make of a relative link: the repository's raw/HEAD for images, blob/HEAD for pages. */
function rewrittenLinks(markdown: string): string {
  return markdown.replace(/(!?)\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, bang: string, label: string, link: string) => {
    if (/^\w+:\/\//.test(link) || link.startsWith('#')) return whole;
    return `${bang}[${label}](${REPOSITORY}/${bang ? 'raw' : 'blob'}/HEAD/${link})`;
  });
}

test('the manifest meets Open VSX’s checks', () => {
  // ovsx requires publisher, name and version and a licence; the registry then checks names against
  // [\w\-+$~]+, the characters of the version, URLs with a host, the banner theme (dark or light) and
  // colour (16 characters at most), field lengths (255 characters, the description 2048) and rejects
  // control and format characters.
  const namePattern = /^[\w\-+$~]{1,255}$/;
  assert.match(String(manifest.publisher), namePattern);
  assert.match(String(manifest.name), namePattern);
  assert.match(String(manifest.version), /^[A-Za-z0-9$+\-,.:;_]+$/);
  assert.ok(manifest.license, 'a licence');
  assert.ok(entries.has('extension/LICENSE.txt'), 'the licence file');
  const banner = manifest.galleryBanner as { color: string; theme: string };
  assert.ok(banner.color.length <= 16);
  const strings: [string, string, number][] = [
    ['displayName', String(manifest.displayName), 255],
    ['description', String(manifest.description), 2048],
    ['license', String(manifest.license), 255],
    ...(manifest.categories as string[]).map((value): [string, string, number] => ['categories', value, 255]),
    ...(manifest.keywords as string[]).map((value): [string, string, number] => ['keywords', value, 255]),
  ];
  for (const [field, value, limit] of strings) {
    assert.ok(value.length <= limit, `${field} is too long`);
    assert.doesNotMatch(value, /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u, `${field} has a control character`);
  }
  const urls = {
    homepage: String(manifest.homepage),
    repository: (manifest.repository as { url: string }).url,
    bugs: (manifest.bugs as { url: string }).url,
  };
  for (const [field, value] of Object.entries(urls)) {
    assert.ok(value.length <= 255, `${field} is too long`);
    assert.ok(new URL(value.replace(/^git\+/, '')).host, `${field} has a host`);
  }
});
