import { BuildTargetsIndex } from './server/src/host/build-targets';
import { readWorkspaceTargets } from './server/src/host/build-targets';
const [root, file] = process.argv.slice(2);
const all = readWorkspaceTargets(root!);
for (const t of all) if (t.dockerfiles === null || t.dockerfiles.some((d) => file!.endsWith(d))) console.log(JSON.stringify(t));
console.log(new BuildTargetsIndex().buildsFor(root!, `${root}/${file}`).passedArgs);
