// Loaded into the server process by the startup-modules test: on exit, reports which of Node's
// built-in modules the process loaded, on stderr as one JSON line.
'use strict';
process.on('exit', () => {
  const loaded = process.moduleLoadList
    .filter((m) => m.startsWith('NativeModule '))
    .map((m) => m.slice('NativeModule '.length));
  process.stderr.write('MODULES ' + JSON.stringify(loaded) + '\n');
});
