// Build: copies src/ to dist/ with content-hashed asset names, as bundlers do.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const src = path.join(__dirname, '..', 'src');
const dist = path.join(__dirname, '..', 'dist');
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
const hashed = {};
for (const ext of ['js', 'css']) {
  const body = fs.readFileSync(path.join(src, `app.${ext}`));
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 8);
  hashed[ext] = hash;
  fs.writeFileSync(path.join(dist, 'assets', `app.${hash}.${ext}`), body);
}
const html = fs.readFileSync(path.join(src, 'index.html'), 'utf8').replace('%HASH_JS%', hashed.js).replace('%HASH_CSS%', hashed.css);
fs.writeFileSync(path.join(dist, 'index.html'), html);
fs.writeFileSync(path.join(dist, 'assets', 'manifest.json'), JSON.stringify({ 'app.js': `app.${hashed.js}.js`, 'app.css': `app.${hashed.css}.css` }));
console.log(`built dist/ (app.${hashed.js}.js, app.${hashed.css}.css)`);
