'use strict';
// Pre-renders the index page into build/ so the server only reads it.
const fs = require('node:fs');
const path = require('node:path');
const { indexPage } = require('../src/pages');
const pkg = require('../package.json');

const out = path.join(__dirname, '..', 'build');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'index.html'), indexPage(`Quotes v${pkg.version}`));
fs.writeFileSync(path.join(out, 'build-info.json'), JSON.stringify({ name: pkg.name, version: pkg.version }) + '\n');
console.log('pre-rendered build/index.html');
