/**
 * The extension-host side of the integration suite: VS Code loads this module (the compiled
 * out/test/electron/suite/index.js, given as extensionTestsPath) inside the extension host and
 * awaits run(). It runs every compiled *.electron.js beside it with Mocha.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 120_000 });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.electron.js'))
    .sort();
  if (files.length === 0) throw new Error(`no *.electron.js test files in ${__dirname}: compile the suite first`);
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The plain closing line CI reads in any language.
      console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} of ${runner.total} extension-host test(s) failed`));
      else if (runner.total === 0) reject(new Error('the extension-host suite ran no test'));
      else resolve();
    });
  });
}
