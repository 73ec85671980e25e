/** Verify: the comparison of two images built from two Dockerfiles, as pure functions of recorded engine output. */
export { compareConfigs, type ConfigSides } from './config-diff';
export { declaredConfig, targetStage, type DeclaredConfig } from './declared';
export { isElf, readElf, type ElfFacts } from './elf';
export {
  checkEntry,
  commandsToCheck,
  entryArgv,
  findCommand,
  indexEntries,
  parseLdd,
  resolvePath,
  type ImageFileSystem,
} from './entry-check';
export {
  envMap,
  parseHistory,
  parseImageInspect,
  type HistoryEntryJson,
  type ImageConfigJson,
  type ImageInspectJson,
} from './inspect';
export { cleanCreatedBy, historySize, layersOverBase, ownBytes } from './layers';
export { buildReport, compareRuns, firstDifference, formatBytes, sizeText, type ReportParts } from './report';
export { readTar, TarReader, type TarEntry } from './tar';
