// Appends each visit to data/visits.log and answers with the count. data/ must be writable by the
// user the server runs as; it checks that when it starts.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const dataDir = path.join(__dirname, 'data');
const log = path.join(dataDir, 'visits.log');
try {
  fs.writeFileSync(path.join(dataDir, '.writable'), `${process.getuid()}\n`);
} catch (e) {
  console.error(`visit-log: ${dataDir} is not writable: ${e.message}`);
  process.exit(1);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  if (url.pathname === '/healthz') return res.end('ok\n');
  if (url.pathname === '/where') {
    const real = fs.realpathSync(dataDir);
    const st = fs.statSync(real);
    return res.end(`data is ${real}, mode ${(st.mode & 0o777).toString(8)}, uid ${st.uid}, server uid ${process.getuid()}\n`);
  }
  if (url.pathname === '/visit') {
    const who = (url.searchParams.get('who') ?? 'anonymous').replace(/[^\w-]/g, '').slice(0, 20) || 'anonymous';
    fs.appendFileSync(log, `${who}\n`);
  }
  const visits = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  res.end(`${visits.length} visits${visits.length ? `, last by ${visits[visits.length - 1]}` : ''}\n`);
});
server.listen(8080, () => console.log('visit-log: listening on 8080'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
