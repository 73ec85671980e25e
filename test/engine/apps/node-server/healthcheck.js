'use strict';
// Exit 0 when the server answers /healthz with 200 (the slim image has no curl).
const http = require('node:http');

const req = http.get({ host: '127.0.0.1', port: Number(process.env.PORT || 3000), path: '/healthz', timeout: 2000 }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
