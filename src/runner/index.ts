/** Runs one cell: shell processes and manifest actions. Driven by src/agent and src/notebook. */
export type { OutputChunk, OutputListener, OutputStream, RunResult, RunStatus } from './types';
export { runShell, startShell, DEFAULT_TIMEOUT_MS, type ShellProcess, type ShellRunOptions } from './shell';
export { bashArgs, cellEnv, type CellEnvOptions } from './shell-args';
export { OutputCollector, DEFAULT_MAX_OUTPUT_BYTES, truncationMarker } from './output-cap';
export { statusOf, messageOf, type ProcessEnding } from './status';
export { terminateGroup, groupExists, livingMembers, KILL_GRACE_MS } from './process-group';
export { activeGroups, killActiveGroups } from './active';
export { Containment, RUN_MARKER, type ContainmentMode } from './containment';
export { OutputGate } from './output-gate';
export { runManifest, DEFAULT_FIELD_MANAGER, type KubeOperations, type ManifestAction, type ManifestRunOptions, type ManifestRunResult } from './manifest';
export { manifestLines, objectsFailed, rejectionMatches } from './manifest-results';
export {
  runCell,
  startShellCell,
  defaultAction,
  timeoutOf,
  namespaceOf,
  manifestObjects,
  type CellAction,
  type CellContext,
  type CellResult,
  type CellRunOptions,
} from './cell';
