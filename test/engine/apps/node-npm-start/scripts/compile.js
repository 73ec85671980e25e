// Build step: src/timetable.txt -> build/departures.json (every departure of the day, per line).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const minutes = (hhmm) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

const lines = {};
for (const raw of fs.readFileSync(path.join(__dirname, '..', 'src', 'timetable.txt'), 'utf8').split('\n')) {
  const line = raw.replace(/#.*/, '').trim();
  if (!line) continue;
  const [name, first, last, every] = line.split(/\s+/);
  const times = [];
  for (let t = minutes(first); t <= minutes(last); t += Number(every)) times.push(t);
  lines[name] = times;
}
fs.mkdirSync(path.join(__dirname, '..', 'build'), { recursive: true });
fs.writeFileSync(path.join(__dirname, '..', 'build', 'departures.json'), JSON.stringify(lines));
console.log(`compiled ${Object.keys(lines).length} lines`);
