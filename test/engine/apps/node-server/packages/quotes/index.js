'use strict';

const QUOTES = [
  ['Simplicity is prerequisite for reliability.', 'Edsger W. Dijkstra'],
  ['Make it work, make it right, make it fast.', 'Kent Beck'],
  ['Premature optimization is the root of all evil.', 'Donald Knuth'],
  ['Programs must be written for people to read.', 'Harold Abelson'],
  ['The cheapest, fastest, and most reliable components are those that are not there.', 'Gordon Bell'],
];

/** The quote at a position (wrapping around), as { id, text, author }. */
function quote(n) {
  const id = ((n % QUOTES.length) + QUOTES.length) % QUOTES.length;
  const [text, author] = QUOTES[id];
  return { id, text, author };
}

/** A quote chosen from a seed string with a small FNV-1a hash, so the same seed gives the same quote. */
function quoteFor(seed) {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return quote(h);
}

module.exports = { quote, quoteFor, count: QUOTES.length };
