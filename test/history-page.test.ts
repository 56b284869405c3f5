// The history page's model, without a browser: the verdict spans each band draws (from the first
// item on, a deletion ending them, the last one open), how a duration reads, and the axis ticks.
// test/history-html.test.ts checks the drawn page in Chromium.
import { describe, expect, it } from 'vitest';
import { loadHistory } from '../cli/commands/history.js';
import { duration, markLefts, ticks } from '../cli/history-page/layout.js';
import { verdictSpans } from '../cli/history-page/spans.js';
import { fixturePath } from './support/fixtures.js';

const saved = (pipeline: string) =>
  loadHistory(undefined, undefined, {
    pipeline,
    tagKey: 'ml-pipeline',
    from: fixturePath('_history', pipeline),
    format: 'json',
  });

describe('verdict spans', () => {
  it("follow a tracked endpoint's monitoring verdict over time, the last one open until the items end", async () => {
    const bands = verdictSpans(await saved('fraud-detection'));
    const scorer = bands.find((b) => b.resourceId === 'fraud-scorer')!;
    expect(scorer.bands.map((b) => b.rule)).toEqual([
      'sagemaker-endpoint-monitoring-scheduled',
      'sagemaker-endpoint-tagged',
    ]);
    expect(scorer.bands[0]!.spans.map((s) => `${s.verdict} ${s.from} → ${s.to}${s.open ? ' open' : ''}`)).toEqual([
      'COMPLIANT 2026-11-30T10:16:04.517Z → 2026-12-01T14:05:31.220Z',
      'NOT_APPLICABLE 2026-12-01T14:05:31.220Z → 2026-12-01T14:13:47.902Z',
      'NON_COMPLIANT 2026-12-01T14:13:47.902Z → 2026-12-02T02:30:12.004Z',
      'COMPLIANT 2026-12-02T02:30:12.004Z → 2026-12-02T03:00:41.556Z open',
    ]);
    // Changes that flip nothing for a rule continue its span.
    expect(scorer.bands[1]!.spans).toEqual([
      { verdict: 'COMPLIANT', from: '2026-11-30T10:16:04.517Z', to: '2026-12-02T03:00:41.556Z', open: true },
    ]);
    // A job NON_COMPLIANT from its first item to its deletion, which closes the span.
    const job = bands.find((b) => b.resourceId === 'fraud-train-2026-11-30')!;
    expect(job.bands.find((b) => b.rule === 'sagemaker-training-job-volume-kms')!.spans).toEqual([
      {
        verdict: 'NON_COMPLIANT',
        from: '2026-11-30T08:03:14.726Z',
        to: '2026-12-02T03:00:41.556Z',
        open: false,
        annotation: 'ResourceConfig.VolumeKmsKeyId is not set',
      },
    ]);
  });

  it('leave the gap between a deletion and the re-creation empty', async () => {
    const bands = verdictSpans(await saved('churn-model'));
    const ec = bands.find((b) => b.resourceId === 'churn-model-ec')!;
    const kms = ec.bands.find((b) => b.rule === 'sagemaker-endpoint-config-kms-key')!;
    expect(kms.spans.map((s) => `${s.verdict} ${s.from} → ${s.to}${s.open ? ' open' : ''}`)).toEqual([
      'COMPLIANT 2026-11-02T10:15:22.318Z → 2026-11-09T14:03:51.902Z',
      'NON_COMPLIANT 2026-11-09T14:05:10.477Z → 2026-11-18T10:02:33.871Z open',
    ]);
  });
});

describe('page layout', () => {
  it('reads a duration in the largest units that matter', () => {
    const m = 60_000;
    expect(
      [0, 30_000, 42 * m, 5 * 60 * m, (5 * 60 + 12) * m, (67 * 60 + 3) * m, 12 * 24 * 60 * m].map(duration),
    ).toEqual([
      { long: '0m', short: '0m' },
      { long: '<1m', short: '<1m' },
      { long: '42m', short: '42m' },
      { long: '5h', short: '5h' },
      { long: '5h 12m', short: '5h' },
      { long: '2d 19h', short: '2d' },
      { long: '12d', short: '12d' },
    ]);
  });

  it('puts at most six ticks on whole days or hours, every other one left out on a narrow axis', () => {
    const day = (d: number, h = 0) => Date.UTC(2026, 10, d, h);
    const days = ticks({ start: day(1, 7), end: day(18, 10) });
    expect(days.map((t) => t.label)).toEqual(['3 Nov', '6 Nov', '9 Nov', '12 Nov', '15 Nov', '18 Nov']);
    expect(days.map((t) => t.minor)).toEqual([false, true, false, true, false, true]);
    expect(days.at(-1)!.align).toBe('end');
    // Within a day and a half: hours, the day named at midnight.
    expect(ticks({ start: day(30, 8), end: Date.UTC(2026, 11, 1, 14) }).map((t) => t.label)).toEqual([
      '12:00',
      '18:00',
      '1 Dec',
      '06:00',
      '12:00',
    ]);
    // Across a new year the year is shown.
    expect(ticks({ start: Date.UTC(2026, 11, 20), end: Date.UTC(2027, 0, 20) })[0]!.label).toMatch(/ 2026$/);
  });

  it('places each mark at its time or one pitch after the mark before, whichever is further, inside the track', () => {
    const [first, second, far] = markLefts([10, 10, 60]);
    expect(first).toBe('min(max(10.000%, 9px), calc(100% - 53px))');
    expect(second).toBe('min(max(10.000%, 31px, calc(10.000% + 22px)), calc(100% - 31px))');
    // A mark far enough from the others on a 160 px track needs no term for them.
    expect(far).toBe('min(max(60.000%, 53px), calc(100% - 9px))');
  });
});
