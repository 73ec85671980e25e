import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { SPLIT_TITLE } from '../../server/src/core/refactors/split-multi-stage';
import {
  COMMANDS,
  DOCKER_EXTENSION_CHANGED,
  SETTINGS_SECTION,
  SPLIT_ACTION_TITLE,
  STAGE_GRAPH_REQUEST,
  VERIFY_PROGRESS,
  VERIFY_REQUEST,
} from '../../shared/protocol';

const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> } };
};

test('the commands package.json contributes are the ones shared/protocol.ts names', () => {
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  const named = Object.values(COMMANDS) as string[];
  for (const id of contributed) assert.ok(named.includes(id), `${id} is contributed but not in COMMANDS`);
  // showReferences is internal: the client registers it for code lenses, the palette does not list it;
  assert.deepEqual(
    named.filter((id) => !contributed.includes(id)),
    [COMMANDS.showReferences],
  );
});

test('every setting lives under the settings section', () => {
  for (const key of Object.keys(pkg.contributes.configuration.properties))
    assert.ok(key.startsWith(`${SETTINGS_SECTION}.`), key);
});

test('the custom methods are namespaced', () => {
  for (const method of [DOCKER_EXTENSION_CHANGED, STAGE_GRAPH_REQUEST, VERIFY_REQUEST, VERIFY_PROGRESS])
    assert.match(method, /^stagewright\/[a-z][A-Za-z]*$/);
});

test("the client knows the split's code actions by the core's title", () => {
  assert.equal(SPLIT_ACTION_TITLE, SPLIT_TITLE);
});
