// The history page in a real browser: Debian's Chromium, headless, driven by playwright-core,
// with a fresh profile and no network. The pages are written by the command from the saved
// history of two pipelines (churn-model: native types; fraud-detection: the types the pack
// records itself, beside a notebook); the test checks the lanes, the marks and their colours,
// one verdict band per rule and resource coloured from the first item on, that choosing a mark
// renders its diff, that at 480 px no marks and no axis labels overlap, and that the page asks
// for nothing over the network. Screenshots at 1280 and 480 px go to $HISTORY_SCREENSHOTS when
// set (to look at), else to the test's temporary folder.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHistoryHtml } from '../cli/history-html.js';
import { buildTimeline } from '../cli/timeline.js';
import { normaliseItem } from '../rules/_core/items.js';
import { awsTypeOf } from '../rules/_tracking/names.js';
import { rules } from '../rules/index.js';
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
  const tracked = await runCli([
    'history',
    '--pipeline',
    'fraud-detection',
    '--from',
    fixturePath('_history'),
    '--format',
    'html',
    '--out',
    join(work, 'fraud-detection.html'),
  ]);
  expect(tracked.code).toBe(0);
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

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const overlapping = (boxes: (Box & { name: string })[]) =>
  boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .filter((b) => overlap(a, b))
      .map((b) => `${a.name} / ${b.name}`),
  );
const RED = 'rgb(198, 40, 40)';
const GREEN = 'rgb(46, 125, 50)';
const GREY = 'rgb(140, 149, 159)';

describe.skipIf(!HAVE_CHROMIUM)('state over time on the history page', () => {
  let tracked: Page;
  const shots = () => {
    const dir = process.env.HISTORY_SCREENSHOTS ?? work;
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  beforeAll(async () => {
    if (!HAVE_CHROMIUM) return;
    tracked = await context.newPage();
    tracked.on('request', (r) => requests.push(r.url()));
    await tracked.setViewportSize({ width: 1280, height: 900 });
    await tracked.goto(pathToFileURL(join(work, 'fraud-detection.html')).href);
  });

  /** Each lane's bands: rule, then each segment's colour, label and title. */
  const bandsOf = (p: Page, id: string) =>
    p.locator(`.lane[data-resource-id="${id}"] .band`).evaluateAll((bands) =>
      bands.map((b) => ({
        rule: b.getAttribute('data-rule'),
        segs: Array.from(b.querySelectorAll('.seg')).map((s: any) => ({
          colour: (globalThis as any).getComputedStyle(s).backgroundColor,
          label: s.innerText,
          title: s.getAttribute('title'),
          left: s.getBoundingClientRect().left,
          right: s.getBoundingClientRect().right,
        })),
      })),
    );

  it('draws one band per rule that checks the resource, tracked types under the rules of their AWS type', async () => {
    const lanes = await tracked
      .locator('#timeline .lane')
      .evaluateAll((ls) => ls.map((l) => [l.getAttribute('data-resource-type'), l.getAttribute('data-resource-id')]));
    expect(lanes).toEqual([
      ['AWS::SageMaker::NotebookInstance', 'fraud-detection-dev'],
      ['MLConfigRules::SageMaker::Endpoint', 'fraud-scorer'],
      ['MLConfigRules::SageMaker::TrainingJob', 'fraud-train-2026-11-30'],
    ]);
    for (const [type, id] of lanes) {
      const expected = rules
        .filter((r) => r.resourceTypes.includes(awsTypeOf(type!)))
        .map((r) => r.id)
        .sort();
      expect((await bandsOf(tracked, id!)).map((b) => b.rule)).toEqual(expected);
    }
  });

  it('colours a band from the first item on: red from the first mark for a job that starts NON_COMPLIANT', async () => {
    const lane = tracked.locator('.lane[data-resource-id="fraud-train-2026-11-30"]');
    const marks = await lane.locator('button.mark').evaluateAll((ms) =>
      ms.map((m) => {
        const r = m.getBoundingClientRect();
        return r.left + r.width / 2;
      }),
    );
    const bands = await bandsOf(tracked, 'fraud-train-2026-11-30');
    const volume = bands.find((b) => b.rule === 'sagemaker-training-job-volume-kms')!;
    expect(volume.segs).toHaveLength(1);
    const [seg] = volume.segs;
    expect(seg!.colour).toBe(RED);
    // From the first mark to the deletion (the dark square), not beyond it.
    expect(Math.abs(seg!.left - marks[0]!)).toBeLessThan(1.5);
    expect(Math.abs(seg!.right - marks[2]!)).toBeLessThan(1.5);
    expect(seg!.label).toBe('1d');
    expect(seg!.title).toBe(
      'sagemaker-training-job-volume-kms NON_COMPLIANT for 1d 18h: 30 Nov 08:03 → 2 Dec 03:00 UTC · ResourceConfig.VolumeKmsKeyId is not set',
    );
    for (const band of bands.filter((b) => b.rule !== 'sagemaker-training-job-volume-kms'))
      expect(band.segs.map((s) => s.colour)).toEqual([GREEN]);
  });

  it('reads how long each verdict held, the last one still so when the items end', async () => {
    const [monitoring] = await bandsOf(tracked, 'fraud-scorer');
    expect(monitoring!.rule).toBe('sagemaker-endpoint-monitoring-scheduled');
    expect(monitoring!.segs.map((s) => s.colour)).toEqual([GREEN, GREY, RED, GREEN]);
    expect(monitoring!.segs.map((s) => s.title)).toEqual([
      'sagemaker-endpoint-monitoring-scheduled COMPLIANT for 1d 3h: 30 Nov 10:16 → 1 Dec 14:05 UTC',
      'sagemaker-endpoint-monitoring-scheduled NOT_APPLICABLE for 8m: 1 Dec 14:05 → 1 Dec 14:13 UTC · EndpointStatus is Updating',
      'sagemaker-endpoint-monitoring-scheduled NON_COMPLIANT for 12h 16m: 1 Dec 14:13 → 2 Dec 02:30 UTC · MonitoringSchedules is empty: no monitoring schedule targets this endpoint',
      'sagemaker-endpoint-monitoring-scheduled COMPLIANT since 2 Dec 02:30 UTC, 30m up to 2 Dec 03:00 UTC (the end of the period read)',
    ]);
    // A stretch too narrow for its label shows the short form, or none (the title still has it).
    expect(monitoring!.segs.map((s) => s.label)).toEqual(['1d', '', '', '≥30m']);
  });

  it('at 480 px keeps every mark clickable, the axis labels apart, and nothing wider than the page', async () => {
    for (const p of [page, tracked]) {
      await p.setViewportSize({ width: 480, height: 900 });
      const marks = await p.locator('#timeline button.mark').evaluateAll((ms) =>
        ms.map((m, i) => {
          const r = m.getBoundingClientRect();
          return { name: `mark ${i}`, x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      expect(marks.length).toBeGreaterThan(5);
      expect(overlapping(marks)).toEqual([]);
      const ticks = await p.locator('.axis .tick').evaluateAll((ts) =>
        ts
          .filter((t: any) => (globalThis as any).getComputedStyle(t).display !== 'none')
          .map((t) => {
            const r = t.getBoundingClientRect();
            return { name: (t as any).innerText, x: r.x, y: r.y, width: r.width, height: r.height };
          }),
      );
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(overlapping(ticks)).toEqual([]);
      expect(ticks.every((t) => t.x >= 0 && t.x + t.width <= 480)).toBe(true);
      await expect(p.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).resolves.toBe(480);
      // Each mark can be clicked where it is drawn: the point at its centre is the mark itself.
      const hits = await p.locator('#timeline button.mark').evaluateAll((ms) =>
        ms.every((m: any) => {
          m.scrollIntoView({ block: 'center' });
          const r = m.getBoundingClientRect();
          return (globalThis as any).document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === m;
        }),
      );
      expect(hits).toBe(true);
      // Back to the top: a full-page screenshot draws the sticky axis where the view last was.
      await p.evaluate(() => (globalThis as any).scrollTo(0, 0));
    }
    await tracked.screenshot({ path: join(shots(), 'fraud-detection-480.png'), fullPage: true });
    await page.screenshot({ path: join(shots(), 'churn-model-480.png'), fullPage: true });
    await tracked.setViewportSize({ width: 1280, height: 900 });
    await tracked.screenshot({ path: join(shots(), 'fraud-detection-1280.png'), fullPage: true });
    expect(statSync(join(shots(), 'fraud-detection-480.png')).size).toBeGreaterThan(10_000);
  });

  it('spreads a burst of changes minutes apart so no two marks overlap, in time order, inside the track', async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString();
    // A training job recorded 12 times within 11 minutes, among changes weeks apart.
    const times = [0, ...Array.from({ length: 12 }, (_, i) => 20_000 + i), 40_000, 43_190, 43_199];
    const items = times.map((m, i) =>
      normaliseItem({
        resourceType: 'MLConfigRules::SageMaker::TrainingJob',
        resourceId: 'burst',
        configurationItemCaptureTime: at(m),
        configurationItemStatus: i === 0 ? 'ResourceDiscovered' : 'OK',
        configuration: {
          TrainingJobName: 'burst',
          BillableTimeInSeconds: i,
          ResourceConfig: { VolumeKmsKeyId: i % 2 ? 'k' : undefined },
        },
        tags: {},
      }),
    );
    const file = join(work, 'burst.html');
    writeFileSync(file, renderHistoryHtml(buildTimeline(items, { title: 'burst' })));
    const burst = await context.newPage();
    await burst.setViewportSize({ width: 480, height: 900 });
    await burst.goto(pathToFileURL(file).href);
    const boxes = await burst.locator('button.mark').evaluateAll((ms) =>
      ms.map((m, i) => {
        const r = m.getBoundingClientRect();
        return { name: `mark ${i}`, x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    const track = await burst.locator('.track.marks').evaluate((t) => t.getBoundingClientRect());
    expect(boxes).toHaveLength(times.length);
    expect(overlapping(boxes)).toEqual([]);
    expect(boxes.map((b) => b.x)).toEqual([...boxes.map((b) => b.x)].sort((a, b) => a - b));
    expect(boxes.every((b) => b.x >= track.left - 0.5 && b.x + b.width <= track.right + 0.5)).toBe(true);
    // The volume-key band flips with every change of the burst: one segment each, in place.
    const segs = await burst.locator('.band[data-rule="sagemaker-training-job-volume-kms"] .seg').count();
    expect(segs).toBe(times.length);
    await burst.screenshot({ path: join(shots(), 'burst-480.png'), fullPage: true });
    await burst.close();
  });
});
