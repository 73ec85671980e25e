#!/usr/bin/env node
// serve [-s] [-l PORT] [FOLDER]: a static file server. -s (single-page app) answers index.html for
// paths that are not files, so client-side routes work.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

let single = false;
let port = 3000;
let folder = '.';
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-s' || args[i] === '--single') single = true;
  else if (args[i] === '-l' || args[i] === '--listen') port = Number(args[++i]);
  else folder = args[i];
}
const root = path.resolve(folder);
if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`serve: ${root} has no index.html`);
  process.exit(1);
}

const server = http.createServer((req, res) => {
  const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(root, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
  if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!file.startsWith(root) || !fs.existsSync(file)) {
    if (!single || path.extname(pathname) !== '') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('Not Found\n');
    }
    file = path.join(root, 'index.html');
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
server.listen(port, () => console.log(`serve: ${root} on port ${port}${single ? ' (single-page app)' : ''}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
