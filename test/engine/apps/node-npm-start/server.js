// Answers "when is the next departure after HH:MM?" from build/departures.json.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const departures = JSON.parse(fs.readFileSync(path.join(__dirname, 'build', 'departures.json'), 'utf8'));
const fmt = (t) => `${String(Math.floor(t / 60) % 24).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;

function next(line, at, count) {
  const times = departures[line];
  if (!times) return null;
  return times.filter((t) => t >= at).slice(0, count).map(fmt);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  };
  if (url.pathname === '/healthz') return send(200, 'ok\n');
  if (url.pathname === '/about') {
    // How the server was started matters to the operators: through `npm start` in production.
    return send(200, `timetable ${process.env.npm_package_version ?? '(version unknown)'}, ` +
      `started by ${process.env.npm_lifecycle_event ? `npm ${process.env.npm_lifecycle_event}` : 'node directly'}, ` +
      `NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}\n`);
  }
  const m = /^\/next\/([A-Za-z0-9]+)$/.exec(url.pathname);
  if (m) {
    const at = /^\d{2}:\d{2}$/.test(url.searchParams.get('at') ?? '') ? url.searchParams.get('at') : '00:00';
    const [h, mm] = at.split(':').map(Number);
    const times = next(m[1], h * 60 + mm, 3);
    if (times === null) return send(404, `no line ${m[1]}\n`);
    return send(200, times.length ? `line ${m[1]} after ${at}: ${times.join(' ')}\n` : `line ${m[1]}: no more departures today\n`);
  }
  return send(404, 'not found\n');
});

const port = Number(process.env.PORT ?? 3000);
server.listen(port, () => console.log(`timetable listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
