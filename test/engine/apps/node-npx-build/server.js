// Serves the pages `npx mdpages build` wrote to out/, and a JSON list of them.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, 'out');
const index = JSON.parse(fs.readFileSync(path.join(root, 'index.json'), 'utf8'));

const server = http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html>\n<title>Handbook</title>\n<ul>\n${index.map((p) => `<li><a href="/${p.name}">${p.title}</a></li>`).join('\n')}\n</ul>\n`);
    }
    if (url.pathname === '/pages.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(index));
    }
    const name = path.basename(url.pathname);
    if (!index.some((p) => p.name === name)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('no such page\n');
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    fs.createReadStream(path.join(root, name)).pipe(res);
  })
  .listen(Number(process.env.PORT ?? 8080), () => console.log('handbook: listening'));
// PID 1 in a container gets no default signal handling: stop on `docker stop` explicitly.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
