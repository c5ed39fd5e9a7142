/**
 * `npm start`: the dev site and the local agent side by side. Unlike `concurrently --kill-others`,
 * the site outlives the agent: when the agent stops or crashes the reader's page keeps loading and
 * says the agent is offline, and this terminal says how to start it again. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

/** Each child's lines, prefixed with its name, as concurrently did. */
function launch(name: string, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: ['inherit', 'pipe', 'pipe'], env: process.env });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
    stream?.on('end', () => {
      if (rest) process.stdout.write(prefix + rest + '\n');
    });
  }
  return child;
}

export const AGENT_STOPPED_MESSAGE =
  '에이전트가 멈췄습니다 (사이트는 계속 열려 있습니다). 셀을 다시 실행하려면 다른 터미널에서 `npm run agent`를 실행하고, ' +
  '새로 출력된 연결 링크를 브라우저에서 여세요. 사이트까지 끄려면 Ctrl-C를 누르세요.';

export interface Command {
  command: string;
  args: string[];
}

/**
 * Starts the site and the agent. The agent ending (stopped, crashed) leaves the site running and
 * says how to start the agent again; the site ending, or stop(), ends both. `exit` is called once.
 */
export function startPair(site: Command, agentCommand: Command, exit: (code: number) => void): { stop(code: number): void; site: ChildProcess; agent: ChildProcess } {
  let stopping = false;
  const siteProcess = launch('site', site.command, site.args);
  const agent = launch('agent', agentCommand.command, agentCommand.args);
  const children = [agent, siteProcess];
  const alive = (c: ChildProcess): boolean => c.exitCode === null && c.signalCode === null;

  agent.on('exit', (code, signal) => {
    if (stopping) return;
    console.log(`[start] 에이전트가 끝났습니다 (${signal ? `신호 ${signal}` : `종료 코드 ${code}`}).`);
    console.log(`[start] ${AGENT_STOPPED_MESSAGE}`);
  });
  siteProcess.on('exit', (code) => {
    if (!stopping) console.log(`[start] 개발 사이트가 끝났습니다 (종료 코드 ${code}). 에이전트도 멈춥니다.`);
    stop(code ?? 1);
  });

  let exited = false;
  const finish = (code: number): void => {
    if (exited) return;
    exited = true;
    exit(code);
  };
  function stop(code: number): void {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (alive(child)) child.kill('SIGTERM');
    // Give the agent its 2 s to stop its cells' process groups, then leave.
    setTimeout(() => finish(code), 3_000).unref();
    for (const child of children) child.once('exit', () => (children.some(alive) ? undefined : finish(code)));
    if (!children.some(alive)) finish(code);
  }
  return { stop, site: siteProcess, agent };
}

function main(): void {
  const pair = startPair(
    { command: bin('docusaurus'), args: ['start', ...process.argv.slice(2)] },
    { command: bin('tsx'), args: [path.join(root, 'scripts', 'agent.ts')] },
    (code) => process.exit(code),
  );
  process.once('SIGINT', () => pair.stop(0));
  process.once('SIGTERM', () => pair.stop(0));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
