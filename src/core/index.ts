export * from './types';
export { tokenizeMeta, type MetaToken } from './meta';
export { hashSource } from './hash';
export { cellFromFence, derivedId, fileSlug, type Fence, type FenceResult } from './cell';
export { collectCells, findDuplicateIdsAcrossFiles, type CollectedCell } from './collect';
export { parseCellsFromMarkdown } from './parse';
export { lineOfYamlPath, splitYamlDocuments, toManifestDocument, type YamlPath } from './yaml';
export { formatProblem } from './format';
export * from './needs';
