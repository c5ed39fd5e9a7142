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

function main(): void {
  let stopping = false;
  const site = launch('site', bin('docusaurus'), ['start', ...process.argv.slice(2)]);
  const agent = launch('agent', bin('tsx'), [path.join(root, 'scripts', 'agent.ts')]);

  agent.on('exit', (code, signal) => {
    if (stopping) return;
    console.log(`[start] 에이전트가 끝났습니다 (${signal ? `신호 ${signal}` : `종료 코드 ${code}`}).`);
    console.log(`[start] ${AGENT_STOPPED_MESSAGE}`);
  });
  site.on('exit', (code) => {
    if (!stopping) console.log(`[start] 개발 사이트가 끝났습니다 (종료 코드 ${code}). 에이전트도 멈춥니다.`);
    stop(code ?? 1);
  });

  function stop(code: number): void {
    if (stopping) return;
    stopping = true;
    for (const child of [agent, site]) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    // Give the agent its 2 s to stop its cells' process groups, then leave.
    setTimeout(() => process.exit(code), 3_000).unref();
    const left = (): boolean => [agent, site].some((c) => c.exitCode === null && c.signalCode === null);
    for (const child of [agent, site]) child.once('exit', () => (left() ? undefined : process.exit(code)));
    if (!left()) process.exit(code);
  }
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
}

main();
