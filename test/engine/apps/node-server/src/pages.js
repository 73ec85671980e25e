'use strict';

const { quote, count } = require('@acme/quotes');

/** The HTML of the index page, listing every quote. */
function indexPage(title) {
  const items = [];
  for (let i = 0; i < count; i++) {
    const q = quote(i);
    items.push(`<li><a href="/quote/${q.id}">${q.author}</a></li>`);
  }
  return `<!DOCTYPE html>\n<title>${title}</title>\n<h1>${title}</h1>\n<ul>\n${items.join('\n')}\n</ul>\n`;
}

module.exports = { indexPage };
