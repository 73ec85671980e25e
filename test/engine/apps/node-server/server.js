'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { quote, quoteFor } = require('@acme/quotes');

const index = fs.readFileSync(path.join(__dirname, 'build', 'index.html'));
const info = JSON.parse(fs.readFileSync(path.join(__dirname, 'build', 'build-info.json'), 'utf8'));

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const m = /^\/quote\/(-?\d+)$/.exec(url.pathname);
  if (url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(index);
  } else if (m) {
    json(res, 200, quote(Number(m[1])));
  } else if (url.pathname === '/for') {
    json(res, 200, quoteFor(url.searchParams.get('seed') ?? ''));
  } else if (url.pathname === '/healthz') {
    json(res, 200, { status: 'ok', ...info, env: process.env.NODE_ENV ?? null });
  } else {
    json(res, 404, { error: 'not found' });
  }
});

const port = Number(process.env.PORT || 3000);
server.listen(port, () => console.log(`${info.name} ${info.version} on port ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
