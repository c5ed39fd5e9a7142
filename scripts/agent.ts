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
  let stopping = false;
  const stop = (): void => {
    // A second signal (the terminal's HUP after Ctrl-C) must not take Node's default exit path.
    if (stopping) return;
    stopping = true;
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
  // SIGHUP is the terminal closing: without a handler Node exits at once, skipping every hook.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // A closed terminal also turns writes to stdout into EPIPE errors; they must not end the agent first.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
}

void main();
