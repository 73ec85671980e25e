'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');

test('the compiled table has every line', () => {
  const d = JSON.parse(fs.readFileSync(`${__dirname}/build/departures.json`, 'utf8'));
  assert.deepStrictEqual(Object.keys(d).sort(), ['12', '4', 'N1']);
  assert.strictEqual(d['12'][0], 360);
});
