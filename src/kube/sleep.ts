/** Waits `ms` milliseconds: the pause between polls and retries of the API calls in this layer. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
