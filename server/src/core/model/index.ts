export * from './types';
export { parseDockerfile, parseDockerfileWhole, emptyModel, expandWithDefaults } from './parse';
export { parseImageReference, shortImageName } from './image';
export * from './text';
export * from './queries';
export { stageLabel } from './labels';
