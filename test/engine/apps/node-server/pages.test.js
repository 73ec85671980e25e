'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');
const { indexPage } = require('./src/pages');
const { quoteFor } = require('@acme/quotes');

test('index lists every quote', () => {
  assert.equal((indexPage('x').match(/<li>/g) || []).length, 5);
});

test('the same seed picks the same quote', () => {
  assert.deepEqual(quoteFor('abc'), quoteFor('abc'));
});
