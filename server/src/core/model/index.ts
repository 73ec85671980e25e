export * from './types';
export { parseDockerfile, emptyModel, expandWithDefaults } from './parse';
export { parseImageReference, shortImageName } from './image';
export * from './text';
