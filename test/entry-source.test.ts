// Which handler each rule's Lambda entry is built with (scripts/build.ts): the change path alone
// for a rule with no scheduled run, the full handler with its adapters for the others.
import { describe, expect, it } from 'vitest';
import { isScheduled } from '../rules/_core/recording.js';
import { ruleById, rules } from '../rules/index.js';
import { entrySource } from '../scripts/build.js';

const rule = (id: string) => ruleById(id)!;

describe('entrySource', () => {
  it('builds a change rule Config records whole with the change handler, and nothing else', () => {
    expect(entrySource(rule('sagemaker-endpoint-config-kms-key'))).toBe(
      [
        "import rule from './rules/sagemaker-endpoint-config-kms-key.js';",
        "import { makeChangeHandler } from './rules/_core/change-handler.js';",
        'export const handler = makeChangeHandler(rule);',
        '',
      ].join('\n'),
    );
  });

  it('builds a periodic inventory rule with the full handler and its adapter', () => {
    const source = entrySource(rule('sagemaker-training-job-volume-kms'));
    expect(source).toContain("import { makeHandler } from './rules/_core/handler.js';");
    expect(source).toContain('"AWS::SageMaker::TrainingJob": () => import("./rules/_inventory/');
    expect(source).not.toContain('change-handler');
  });

  it('builds the same rule with the change handler when tracking records its type', () => {
    expect(entrySource(rule('sagemaker-training-job-volume-kms'), { tracking: true })).toContain(
      'export const handler = makeChangeHandler(rule);',
    );
  });

  it('gives each rule the form its schedule needs', () => {
    const forms = rules.map((r) => [r.id, isScheduled(r), entrySource(r).includes('makeChangeHandler(rule)')]);
    expect(forms.filter(([, scheduled, change]) => scheduled === change)).toEqual([]);
    // Both forms are in use: 27 change rules Config records whole, the others scheduled.
    expect(forms.filter(([, , change]) => change).length).toBeGreaterThan(20);
    expect(forms.filter(([, scheduled]) => scheduled).length).toBeGreaterThan(10);
  });
});
