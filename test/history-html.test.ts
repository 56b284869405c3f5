// The history page in a real browser: Debian's Chromium, headless, driven by playwright-core,
// with a fresh profile and no network. The page is written by the command from the saved
// history of one pipeline; the test checks the lanes, the marks and their colours, that choosing
// a mark renders its diff, and that the page asks for nothing over the network.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHistoryHtml } from '../cli/history-html.js';
import { buildTimeline } from '../cli/timeline.js';
import { normaliseItem } from '../rules/_core/items.js';
import { fixturePath } from './support/fixtures.js';
import { runCli } from './support/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let work: string;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];

// CI installs Debian's Chromium and must run this file; on a laptop without it the file is
// skipped with a notice, so `npm test` works on a fresh machine.
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
if (!HAVE_CHROMIUM)
  console.warn(`history page browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  work = mkdtempSync(join(tmpdir(), 'history-html-'));
  const out = join(work, 'churn-model.html');
  const run = await runCli([
    'history',
    '--pipeline',
    'churn-model',
    '--from',
    fixturePath('_history', 'churn-model'),
    '--format',
    'html',
    '--out',
    out,
  ]);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(`wrote ${out} (3 resources, 11 entries)\n`);
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(out).href);
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!HAVE_CHROMIUM)('the history page in Chromium', () => {
  it('is one self-contained file', () => {
    const html = readFileSync(join(work, 'churn-model.html'), 'utf8');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain("default-src 'none'");
  });

  it('draws a lane per resource along one time axis', async () => {
    await expect(page.title()).resolves.toBe('Pipeline churn-model (ml-pipeline=churn-model)');
    const lanes = page.locator('#timeline .lane');
    expect(await lanes.count()).toBe(3);
    expect(await lanes.evaluateAll((ls) => ls.map((l) => l.getAttribute('data-resource-id')))).toEqual([
      'acme-churn-model-artifacts',
      'churn-model-ec',
      'churn-model-dev',
    ]);
    expect(await page.locator('.axis .tick').count()).toBeGreaterThanOrEqual(4);
    // Marks sit in time order along each lane.
    const lefts = await page
      .locator('.lane[data-resource-id="acme-churn-model-artifacts"] button.mark')
      .evaluateAll((ms) => ms.map((m) => m.getBoundingClientRect().left));
    expect(lefts).toHaveLength(4);
    expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
  });

  it('marks every change, coloured by the verdicts it flipped', async () => {
    expect(await page.locator('#timeline button.mark').count()).toBe(11);
    expect(await page.locator('#timeline button.mark.flip-bad').count()).toBe(3);
    expect(await page.locator('#timeline button.mark.flip-good').count()).toBe(1);
    expect(await page.locator('#timeline button.mark.deleted').count()).toBe(2);
    const colour = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((m) => (globalThis as any).getComputedStyle(m).backgroundColor);
    await expect(colour('#timeline button.mark.flip-bad')).resolves.toBe('rgb(198, 40, 40)');
    await expect(colour('#timeline button.mark.flip-good')).resolves.toBe('rgb(46, 125, 50)');
  });

  it("opens a mark's diff and flipped rules when it is clicked", async () => {
    await expect(page.locator('#detail').innerText()).resolves.toContain('Choose a mark');
    const mark = page.locator('.lane[data-resource-id="churn-model-ec"] button.mark.recreated');
    await mark.click();
    await expect(mark.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator('#detail h2').innerText()).resolves.toBe('AWS::SageMaker::EndpointConfig churn-model-ec');
    const flips = await page.locator('#detail .flips li').allInnerTexts();
    expect(flips).toEqual([
      'sagemaker-endpoint-config-kms-key became NON_COMPLIANT (was COMPLIANT): KmsKeyId is not set',
      'sagemaker-endpoint-config-prod-instance-count became NON_COMPLIANT (was COMPLIANT): ProductionVariants with InitialInstanceCount below minInstanceCount 2: AllTraffic=1',
    ]);
    expect(await page.locator('#detail .flips li.to-NON_COMPLIANT').count()).toBe(2);
    const rows = await page
      .locator('#detail table.diff tr')
      .evaluateAll((trs) =>
        trs.slice(1).map((tr) => Array.from(tr.querySelectorAll('td')).map((td: any) => td.textContent)),
      );
    expect(rows).toContainEqual([
      'removed',
      'configuration.KmsKeyId',
      'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      '',
    ]);
    expect(rows).toContainEqual(['changed', 'configuration.ProductionVariants[0].InitialInstanceCount', '2', '1']);

    // Another mark replaces the panel.
    await page.locator('.lane[data-resource-id="acme-churn-model-artifacts"] button.mark.flip-good').click();
    await expect(page.locator('#detail .flips li.to-COMPLIANT').innerText()).resolves.toBe(
      's3-bucket-versioning-enabled became COMPLIANT (was NON_COMPLIANT)',
    );
    await expect(page.locator('#detail td.path').allInnerTexts()).resolves.toEqual([
      'supplementaryConfiguration.BucketVersioningConfiguration.status',
    ]);
    await expect(mark.getAttribute('aria-pressed')).resolves.toBe('false');
  });

  it('asked for nothing but the file itself', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
  });

  it('shows names from the items as text, never as markup', async () => {
    const hostile = '"><img src=x onerror="document.title=\'owned\'">';
    const items = [
      {
        resourceType: 'AWS::SageMaker::Model',
        resourceId: hostile,
        configurationItemCaptureTime: '2026-11-01T00:00:00Z',
        configurationItemStatus: 'OK',
        configuration: { ModelName: '</script><b>x</b>' },
        tags: {},
      },
      {
        resourceType: 'AWS::SageMaker::Model',
        resourceId: hostile,
        configurationItemCaptureTime: '2026-11-02T00:00:00Z',
        configurationItemStatus: 'OK',
        configuration: { ModelName: '<i>y</i>' },
        tags: {},
      },
    ].map(normaliseItem);
    const file = join(work, 'hostile.html');
    writeFileSync(file, renderHistoryHtml(buildTimeline(items, { title: `<b>${hostile}</b>` })));
    const other = await context.newPage();
    await other.goto(pathToFileURL(file).href);
    await other.locator('button.mark').nth(1).click();
    expect(await other.locator('img, b, i').count()).toBe(0);
    await expect(other.title()).resolves.toBe(`<b>${hostile}</b>`);
    await expect(other.locator('#detail td.value.new').innerText()).resolves.toBe('<i>y</i>');
    await other.close();
  });
});
