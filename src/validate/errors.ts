/** A problem with the run itself (exit 2), not with an object. Here, not in ./cluster, so offline runs need not load the cluster client. */
export class RunError extends Error {
  override name = 'RunError';
}
