/**
 * A reader whose cluster cannot run every cell (the project's own control plane: kwok nodes, no
 * containers), in real Chromium against the production build: before any run the page says which
 * cells need what the cluster lacks and why, their buttons say "run anyway", and "run all" goes past
 * them to the end of the Day 2 lab, listing them as skipped with the need instead of halting.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchChromium, newReaderContext, saveScreenshot, startCourseAgent, type RunningAgent } from './browser';

const siteUrl = inject('siteUrl');

const BREAK = 'd2-lab-break-readiness';
/** Every cell of the Day 2 lab with needs=containers that run-all would reach. */
const CONTAINER_CELLS = [BREAK, 'd2-lab-verify-not-ready', 'd2-lab-restore-readiness', 'd2-lab-verify-ready-again', 'd2-lab-canary-traffic'];

const removeNamespace = (name: string): void => {
  spawnSync('kubectl', ['delete', 'namespace', name, '--ignore-not-found', '--wait=true', '--timeout=120s'], { encoding: 'utf8' });
};

const cell = (page: Page, id: string): Locator => page.locator(`figure[data-cell-id="${id}"]`);

/** The nodes of the cluster in KUBECONFIG as name=kwok-annotation lines; all `=fake` is what this file is about. */
function nodeLines(): string[] {
  const nodes = execFileSync('kubectl', ['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.metadata.annotations.kwok\\.x-k8s\\.io/node}{"\\n"}{end}'], { encoding: 'utf8' });
  return nodes.split('\n').filter(Boolean);
}
const allSimulated = (lines: string[]): boolean => lines.length > 0 && lines.every((l) => l.endsWith('=fake'));

/** Waits a little for kwok's nodes (a cluster just started may list none yet); false with what it saw. */
async function simulatedNodes(): Promise<true | string> {
  let lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    lines = nodeLines();
    if (allSimulated(lines)) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return `${process.env.KUBECONFIG ?? '(no KUBECONFIG)'}: ${lines.join(', ') || 'no nodes'}`;
}

describe('cells whose needs the connected cluster lacks', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let agent: RunningAgent;
  /** Cell ids the page asked the agent to run, from the WebSocket frames it sent. */
  const sentRuns: string[] = [];

  beforeAll(async () => {
    const simulated = await simulatedNodes();
    if (simulated !== true) throw new Error(`test/e2e/needs.test.ts expects the simulated nodes of scripts/cluster (kwok); the cluster has ${simulated}`);
    removeNamespace('d2-lab');
    agent = await startCourseAgent(siteUrl);
    browser = await launchChromium();
    context = await newReaderContext(browser);
    page = await context.newPage();
    page.on('pageerror', (error) => console.log(`[e2e] page error: ${error.message}`));
    page.on('websocket', (ws) =>
      ws.on('framesent', (frame) => {
        const message = JSON.parse(String(frame.payload)) as { type?: string; id?: string };
        if (message.type === 'run' && message.id) sentRuns.push(message.id);
      }),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await agent?.close();
    removeNamespace('d2-lab');
  });

  beforeEach(({ task, onTestFailed }) => {
    sentRuns.length = 0;
    onTestFailed(async () => {
      await saveScreenshot(page, `needs-${task.name}`);
    });
  });

  it('says nothing extra without an agent; connected to kwok, names the missing containers before any run and offers to run anyway', async () => {
    await page.goto(`${siteUrl}/docs/day2/lab`);
    await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    const breaking = cell(page, BREAK);
    expect(await breaking.locator('[data-cell-unmet-needs]').count()).toBe(0);
    expect(await breaking.textContent()).toContain('이 셀에 필요한 것(needs): containers');

    await page.goto(agent.link);
    await page.locator('.navbar [data-agent-state="connected"]').waitFor({ timeout: 20_000 });
    await page.goto(`${siteUrl}/docs/day2/lab`);
    const note = breaking.locator('[data-cell-unmet-needs="containers"]');
    await note.waitFor({ timeout: 20_000 });
    const text = (await note.textContent()) ?? '';
    expect(text).toContain('이 셀은 실제 컨테이너가 필요합니다: 지금 클러스터는 시뮬레이션 노드(kwok)');
    // The author's reason, and what run-all and the button will do.
    expect(text).toContain('실행하세요. kubectl exec와 실제 프로브 실행이 필요합니다(kwok은 컨테이너를 실행하지 않음).');
    expect(text).toContain('"셀 모두 실행"은 이 셀을 건너뜁니다');
    expect(await note.getAttribute('role')).toBe('note');

    const run = breaking.locator('[data-action="run"]');
    expect((await run.textContent())?.trim()).toBe('그래도 실행');
    expect(await run.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'));
    // Still copyable.
    expect(await breaking.getByRole('button', { name: /복사/ }).count()).toBe(1);

    // A cell the cluster can run says nothing of the kind, and keeps its plain button.
    const nodes = cell(page, 'd2-lab-nodes');
    expect(await nodes.locator('[data-cell-unmet-needs]').count()).toBe(0);
    expect((await nodes.locator('[data-action="run"]').textContent())?.trim()).toBe('실행');
    for (const id of CONTAINER_CELLS) expect(await cell(page, id).locator('[data-cell-unmet-needs]').count(), id).toBe(1);
    // The toolbar says it before the reader presses run-all.
    expect(await page.locator('[data-run-all-will-skip]').textContent()).toBe(
      `"셀 모두 실행"은 지금 클러스터에 없는 것이 필요한 셀 ${CONTAINER_CELLS.length}개를 건너뜁니다 (실제 컨테이너 필요 ${CONTAINER_CELLS.length}개).`,
    );
    expect(sentRuns).toEqual([]);
  });

  it('run-all goes past the container cells to the end of the Day 2 lab and lists them as skipped with the need', async () => {
    await page.goto(`${siteUrl}/docs/day2/lab`);
    await cell(page, BREAK).locator('[data-cell-unmet-needs]').waitFor({ timeout: 20_000 });
    await page.locator('[data-action="run-all"]').click();
    const result = page.locator('[data-run-all-result]');
    await page.waitForFunction(
      () => /끝까지 진행했습니다|멈췄습니다|모든 셀/.test(document.querySelector('[data-run-all-result]')?.textContent ?? ''),
      undefined,
      { timeout: 540_000, polling: 1_000 },
    );
    const text = (await result.textContent()) ?? '';
    expect(text, text).toContain('끝까지 진행했습니다');
    expect(text).toContain(`지금 클러스터에 없는 것이 필요한 ${CONTAINER_CELLS.length}개는 건너뛰었습니다`);
    const group = result.locator('[data-skipped-need="건너뜀: 실제 컨테이너 필요"]');
    expect(await group.count()).toBe(1);
    expect(await group.locator('[data-cell-link]').evaluateAll((links) => links.map((a) => a.getAttribute('data-cell-link')))).toEqual(CONTAINER_CELLS);

    // Passed over, not failed: the cell says so with the reason, and was never sent to the agent.
    const breaking = cell(page, BREAK);
    expect(await breaking.locator('[data-status]').getAttribute('data-status')).toBe('skipped');
    expect(await breaking.locator('[data-status]').textContent()).toContain('건너뜀');
    expect(await breaking.locator('[data-verdict]').textContent()).toBe('"셀 모두 실행"이 이 셀을 건너뛰었습니다 (지금 클러스터에 없는 것: 실제 컨테이너).');
    // The note with the reason stays above the buttons.
    expect(await breaking.locator('[data-cell-unmet-needs]').textContent()).toContain('이 셀은 실제 컨테이너가 필요합니다');
    for (const id of CONTAINER_CELLS) expect(sentRuns, id).not.toContain(id);
    // The cells after the first skipped one ran: the last step of the lab among them.
    expect(sentRuns).toContain('d2-lab-verify-spread-seven');
    expect(await cell(page, 'd2-lab-verify-spread-seven').locator('[data-status]').getAttribute('data-status')).toBe('passed');
  }, 600_000);
});
