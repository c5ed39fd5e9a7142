/** `npm run agent -- [--port N] ...`: the local agent that runs the course's cells against your cluster. */
import { startAgent } from '../src/agent/main';
import { createRunnerExecutor } from '../src/agent/runner-executor';

async function main(): Promise<void> {
  let agent;
  try {
    agent = await startAgent(process.argv.slice(2), process.cwd(), (root) => createRunnerExecutor({ courseRoot: root }));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const stop = (): void => {
    // Closing the server cancels every run, which kills each process group.
    void agent.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
