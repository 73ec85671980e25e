// Loaded into the server process by the security test: records every attempt to start a process,
// open a network connection or read a file, and reports them on stderr as JSON lines.
'use strict';
const childProcess = require('node:child_process');
const net = require('node:net');
const http = require('node:http');
const https = require('node:https');
const dns = require('node:dns');
const fs = require('node:fs');

function record(kind, detail) {
  process.stderr.write('SANDBOX ' + JSON.stringify({ kind, detail: String(detail) }) + '\n');
}

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  const original = childProcess[name];
  childProcess[name] = function (...args) {
    record('process', `${name} ${args[0]}`);
    return original.apply(this, args);
  };
}
for (const [mod, names] of [
  [net, ['connect', 'createConnection']],
  [http, ['request', 'get']],
  [https, ['request', 'get']],
  [dns, ['lookup', 'resolve']],
]) {
  for (const name of names) {
    const original = mod[name];
    mod[name] = function (...args) {
      record('network', `${name} ${typeof args[0] === 'object' ? JSON.stringify(args[0]) : args[0]}`);
      return original.apply(this, args);
    };
  }
}
for (const name of [
  'readFileSync',
  'readFile',
  'openSync',
  'open',
  'createReadStream',
  'readdirSync',
  'readdir',
  'statSync',
  'existsSync',
]) {
  const original = fs[name];
  fs[name] = function (...args) {
    record('file', `${name} ${args[0]}`);
    return original.apply(this, args);
  };
}
for (const name of ['readFile', 'open', 'readdir', 'stat']) {
  const original = fs.promises[name];
  fs.promises[name] = function (...args) {
    record('file', `promises.${name} ${args[0]}`);
    return original.apply(this, args);
  };
}
