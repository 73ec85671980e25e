import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './markdown.mjs';

test('headings, lists and inline marks', () => {
  const { meta, html } = parse('---\ntitle: T\n---\n# A *b*\n\n- [x](y.html)\n- `z`\n');
  assert.equal(meta.title, 'T');
  assert.equal(html, '<h1>A <em>b</em></h1>\n<ul>\n  <li><a href="y.html">x</a></li>\n  <li><code>z</code></li>\n</ul>');
});
