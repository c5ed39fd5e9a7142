/** `npm run agent -- [--port N] ...`: the local agent that runs the course's cells against your cluster. */
import { startAgent } from '../src/agent/main';
import { createRunnerExecutor } from '../src/agent/runner-executor';
import { killActiveGroups } from '../src/runner';

async function main(): Promise<void> {
  let agent;
  try {
    agent = await startAgent(process.argv.slice(2), process.cwd(), (root) => createRunnerExecutor({ courseRoot: root }));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const stop = (): void => {
    // Cells run detached, so the terminal's Ctrl-C never reaches them: closing the
    // server cancels every run, and whatever is still alive is killed before exit.
    void agent.close().finally(() => {
      killActiveGroups();
      process.exit(0);
    });
    setTimeout(() => {
      killActiveGroups();
      process.exit(0);
    }, 2_000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
