/**
 * A reader with the local agent, in real Chromium against the production build and a real API
 * server: pair through the printed link, run, apply, verify, edit (refused, then allowed with the
 * opt-in), stop a long cell, reset the lab. Real course pages and cells only: if one of these
 * breaks, a learner meets the same break.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchChromium, newReaderContext, saveScreenshot, startCourseAgent, type RunningAgent } from './browser';

const siteUrl = inject('siteUrl');

const kubectl = (...args: string[]) => spawnSync('kubectl', args, { encoding: 'utf8' });

/** The labs' namespaces belong to the course; a run starts from none so "fails first" holds. */
function removeNamespace(name: string): void {
  kubectl('delete', 'namespace', name, '--ignore-not-found', '--wait=true', '--timeout=120s');
}

/** Every process the agent started, by a marker of the cell's command line. */
function processesMatching(fragment: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(fragment) && !line.includes('ps -eo'));
}

const WATCH_COMMAND = 'get hpa php-apache -n d5-lab --watch';

const cell = (page: Page, id: string): Locator => page.locator(`figure[data-cell-id="${id}"]`);
const statusOf = (c: Locator): Locator => c.locator('[data-status]');

async function textOf(locator: Locator): Promise<string> {
  return (await locator.first().textContent({ timeout: 1_000 }).catch(() => '')) ?? '';
}

const BUSY = ['queued', 'running'];

/**
 * Presses one of a cell's buttons and returns a wait for that run's end. A MutationObserver
 * records every status the cell shows, so a result left over from an earlier run of the same
 * cell is never taken for this one's.
 */
async function press(c: Locator, action: string): Promise<(expected: string, timeout?: number) => Promise<void>> {
  await c.evaluate((el) => {
    const host = el as HTMLElement & { e2eStatuses?: string[]; e2eObserver?: MutationObserver };
    host.e2eObserver?.disconnect();
    const seen: string[] = [];
    host.e2eStatuses = seen;
    host.e2eObserver = new MutationObserver(() => {
      const status = el.querySelector('[data-status]')?.getAttribute('data-status');
      if (status && seen[seen.length - 1] !== status) seen.push(status);
    });
    host.e2eObserver.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
  await c.locator(`[data-action="${action}"]`).click();
  return async (expected, timeout = 90_000) => {
    const handle = await c.elementHandle();
    try {
      await c.page().waitForFunction(
        ([el, busy]) => {
          const seen = (el as HTMLElement & { e2eStatuses?: string[] }).e2eStatuses ?? [];
          const started = seen.findIndex((s) => busy.includes(s));
          return started >= 0 && seen.slice(started).some((s) => !busy.includes(s));
        },
        [handle, BUSY] as const,
        { timeout, polling: 100 },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message.split('\n')[0]}\n${await describeCell(c)}`);
    }
    const status = await statusOf(c).getAttribute('data-status');
    if (status !== expected) throw new Error(`expected the run to end ${expected}, it ended ${status}\n${await describeCell(c)}`);
  };
}

async function describeCell(c: Locator): Promise<string> {
  return [
    `cell: ${await c.getAttribute('data-cell-id')}`,
    `status: ${await textOf(statusOf(c))}`,
    `verdict: ${await textOf(c.locator('[data-verdict]'))}`,
    `output: ${(await textOf(c.locator('[data-cell-output]'))).slice(0, 2_000)}`,
  ].join('\n');
}

/** Opens an agent's pairing link, as the reader does with the one the agent printed. */
async function pair(page: Page, agent: RunningAgent): Promise<void> {
  await page.goto(agent.link);
  await page.locator('.navbar [data-agent-state="connected"]').waitFor({ timeout: 20_000 });
}

/** A lab page with its toolbar, i.e. hydrated and connected. */
async function openLab(page: Page, path: string): Promise<void> {
  await page.goto(`${siteUrl}${path}`);
  await page.locator('[data-action="run-all"]').waitFor({ timeout: 30_000 });
}

describe('a reader with the agent', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let agent: RunningAgent;
  let currentContext: string;
  let currentNamespace: string;

  beforeAll(async () => {
    currentContext = execFileSync('kubectl', ['config', 'current-context'], { encoding: 'utf8' }).trim();
    currentNamespace = execFileSync('kubectl', ['config', 'view', '--minify', '-o', 'jsonpath={..namespace}'], { encoding: 'utf8' }).trim() || 'default';
    removeNamespace('d2-lab');
    removeNamespace('d5-lab');
    agent = await startCourseAgent(siteUrl);
    browser = await launchChromium();
    context = await newReaderContext(browser);
    page = await context.newPage();
    page.on('pageerror', (error) => console.log(`[e2e] page error: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await agent?.close();
    removeNamespace('d2-lab');
    removeNamespace('d5-lab');
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await saveScreenshot(page, `agent-${task.name}`);
    });
  });

  it('pairs through the printed link and shows the cluster context in the navbar', async () => {
    expect(agent.log.join('\n')).toContain('한 번만 표시됩니다');
    await pair(page, agent);
    const status = page.locator('.navbar [data-agent-state]').first();
    expect(await status.textContent()).toContain(`${currentContext} · ${currentNamespace}`);
    // The one-time code left the address bar; the site's storage holds the session it was traded
    // for (bound to this agent instance), never the code itself.
    expect(page.url()).not.toContain('code=');
    const code = /code=([^&]+)/.exec(agent.link)![1]!;
    const instance = /instance=([^&]+)/.exec(agent.link)![1]!;
    const stored = JSON.parse((await page.evaluate(() => window.localStorage.getItem('k8s-course.agent'))) ?? '{}') as { token?: string; instance?: string; code?: boolean };
    expect(stored).toMatchObject({ instance });
    expect(stored.code).toBeUndefined();
    expect(stored.token).not.toBe(code);
  });

  it('runs a shell cell of the Day 2 lab and shows its output', async () => {
    await pair(page, agent);
    await openLab(page, '/docs/day2/lab');
    const nodes = cell(page, 'd2-lab-nodes');
    expect(await nodes.textContent()).toContain('예상 출력');
    const done = await press(nodes, 'run');
    await done('passed');
    const output = await nodes.locator('[data-cell-output]').textContent();
    expect(output).toMatch(/NAME\s+STATUS/);
    expect(output).toContain('k8s-course-worker2');
    // The expected output is for readers without a cluster; once run, the real one replaces it.
    expect(await nodes.textContent()).not.toContain('예상 출력');
  });

  it('fails a verify check first, applies the manifest cell, then the check passes', async () => {
    await pair(page, agent);
    await openLab(page, '/docs/day2/lab');
    const check = cell(page, 'd2-lab-verify-namespace');
    await (await press(check, 'run'))('failed');
    expect(await check.locator('[data-verdict]').textContent()).toContain('네임스페이스 d2-lab이 없습니다');

    const manifest = cell(page, 'd2-lab-namespace');
    await (await press(manifest, 'apply'))('passed');
    expect(await manifest.textContent()).toMatch(/Namespace\/d2-lab\s*생성됨/);

    await (await press(check, 'run'))('passed');
    expect(await check.locator('[data-verdict]').textContent()).toContain('네임스페이스 d2-lab이 준비되었습니다');
  });

  it('refuses an edited cell without the opt-in and says so in Korean', async () => {
    await pair(page, agent);
    await openLab(page, '/docs/day2/lab');
    const nodes = cell(page, 'd2-lab-nodes');
    await nodes.getByRole('button', { name: '편집: d2-lab-nodes', exact: true }).click();
    await nodes.locator('textarea').fill('kubectl get nodes -o name');
    expect(await nodes.textContent()).toContain('수정됨');
    await (await press(nodes, 'run'))('error');
    const verdict = await nodes.locator('[data-verdict]').textContent();
    expect(verdict).toContain('수정한 셀은 실행하지 않습니다');
    expect(verdict).toContain('--allow-edited');
  });

  it('runs the edited cell once the agent was started with --allow-edited', async () => {
    const optedIn = await startCourseAgent(siteUrl, ['--allow-edited']);
    try {
      expect(optedIn.log.join('\n')).toContain('--allow-edited');
      // Pairing again replaces the old token: the reader opens the new agent's link.
      await pair(page, optedIn);
      await openLab(page, '/docs/day2/lab');
      const nodes = cell(page, 'd2-lab-nodes');
      await nodes.getByRole('button', { name: '편집: d2-lab-nodes', exact: true }).click();
      await nodes.locator('textarea').fill('kubectl get nodes -o name');
      await (await press(nodes, 'run'))('passed');
      expect(await statusOf(nodes).textContent()).toContain('수정한 코드로 실행');
      expect(await nodes.locator('[data-cell-output]').textContent()).toContain('node/k8s-course-worker2');
    } finally {
      // Leave the page first: the agent's close() waits for the page's WebSocket to go.
      await page.goto('about:blank');
      await optedIn.close();
    }
  });

  it('streams a background watch cell and stops it, leaving no process behind', async () => {
    await pair(page, agent);
    await openLab(page, '/docs/day5/lab');
    for (const id of ['d5-lab-namespace', 'd5-lab-hpa']) await (await press(cell(page, id), 'apply'))('passed');
    const watch = cell(page, 'd5-lab-watch-hpa');
    const stopped = await press(watch, 'run');
    // Output while the cell is still running is what streaming means.
    await expect
      .poll(async () => `${await statusOf(watch).getAttribute('data-status').catch(() => '')}|${await textOf(watch.locator('[data-cell-output]'))}`, {
        timeout: 30_000,
      })
      .toMatch(/^running\|.*php-apache/s);
    expect(processesMatching(WATCH_COMMAND)).not.toEqual([]);

    await watch.locator('[data-action="cancel"]').click();
    await stopped('cancelled', 15_000);
    // Stopping a background cell is what the reader asked for: it reads as stopped, not as an error.
    expect(await statusOf(watch).textContent()).toContain('중지됨');
    expect(await statusOf(watch).textContent()).not.toContain('종료 코드');
    // Cancel kills the whole process group: bash and the kubectl it started.
    await expect.poll(() => processesMatching(WATCH_COMMAND), { timeout: 10_000 }).toEqual([]);
  });

  it('resets the Day 5 lab with its cleanup cells', async () => {
    await pair(page, agent);
    await openLab(page, '/docs/day5/lab');
    await (await press(cell(page, 'd5-lab-namespace'), 'apply'))('passed');
    await page.locator('[data-action="reset-lab"]').click();
    await page.getByRole('dialog', { name: '실습을 초기화할까요?' }).locator('[data-action="confirm"]').click();
    const toolbar = page.getByRole('group', { name: '실습 전체 제어' });
    await expect.poll(() => textOf(toolbar), { timeout: 120_000 }).toContain('실습을 초기화했습니다.');
    await expect
      .poll(() => kubectl('get', 'namespace', 'd5-lab', '-o', 'jsonpath={.status.phase}').stdout, { timeout: 60_000 })
      .not.toBe('Active');
  });
});
