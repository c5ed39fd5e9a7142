import { describe, expect, it, vi } from 'vitest';
import { AGENT_STOPPED_MESSAGE, startPair } from './start';

const node = (code: string) => ({ command: process.execPath, args: ['-e', code] });

describe('npm start launcher', () => {
  it('keeps the site running when the agent ends, says in Korean how to start it again, and stop() ends both', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const exited: number[] = [];
    try {
      const pair = startPair(node('setInterval(() => {}, 1000)'), node('process.exit(1)'), (code) => exited.push(code));
      await new Promise((resolve) => pair.agent.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(pair.site.exitCode).toBeNull();
      expect(pair.site.signalCode).toBeNull();
      expect(lines.join('\n')).toContain(AGENT_STOPPED_MESSAGE);
      expect(AGENT_STOPPED_MESSAGE).toContain('npm run agent');
      expect(exited).toEqual([]);
      pair.stop(0);
      await new Promise((resolve) => pair.site.once('exit', resolve));
      await expect.poll(() => exited).toEqual([0]);
    } finally {
      log.mockRestore();
    }
  });
});
