/**
 * The two ways a cluster run cannot start, in a module of their own without @kubernetes/client-node,
 * so callers that only catch them (the validator CLI in offline mode) do not load the client.
 */

/** Thrown when there is nothing to connect to; the message is for the reader. */
export class KubeConfigError extends Error {
  override name = 'KubeConfigError';
}

/** The API server could not be reached or did not answer in time; never an HTTP status. */
export class KubeUnreachableError extends Error {
  override name = 'KubeUnreachableError';
  constructor(
    message: string,
    readonly code: string,
    readonly server: string,
  ) {
    super(message);
  }
}
