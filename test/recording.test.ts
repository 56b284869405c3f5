// Where each rule's items come from and how it is triggered (rules/_core/recording.ts): the one
// answer the recorder, the deploy's triggers, the scheduled runs, scan, doctor and history share.
// Checked here rule by rule, with tracking off and on, against what the table of recordable types
// and the trackable types say.
import { describe, expect, it } from 'vitest';
import {
  changeTypesOf,
  configTypesOf,
  DEFAULT_SCHEDULE,
  inventoryTypesOf,
  isRecordable,
  isScheduled,
  scheduledTypesOf,
  scheduleOf,
  trackedTypesOf,
  typeSourceOf,
  typesNotRecorded,
  typesToRecord,
} from '../rules/_core/recording.js';
import type { Rule } from '../rules/_core/rule.js';
import { ruleById } from '../rules/index.js';

const rule = (id: string): Rule => ruleById(id)!;
const NOTEBOOK = 'AWS::SageMaker::NotebookInstance';
const TRAINING_JOB = 'AWS::SageMaker::TrainingJob';
const MONITORING_SCHEDULE = 'AWS::SageMaker::MonitoringSchedule';
const ON = { tracking: true };
const OFF = { tracking: false };

/** Everything recording.ts says of one rule under one setting. */
const plan = (r: Rule, options: { tracking: boolean }) => ({
  change: changeTypesOf(r, options),
  scheduled: scheduledTypesOf(r, options),
  schedule: scheduleOf(r, options),
  isScheduled: isScheduled(r, options),
  inventory: inventoryTypesOf(r, options),
  tracked: trackedTypesOf(r, options),
});

describe('the types the pack records', () => {
  it('are the rows of the table marked recorded, and no type it has no row for', () => {
    expect(isRecordable('AWS::SageMaker::Model')).toBe(true);
    expect(isRecordable(NOTEBOOK)).toBe(true);
    expect(isRecordable('AWS::SageMaker::Endpoint')).toBe(false); // a row, not recorded
    expect(isRecordable(TRAINING_JOB)).toBe(false);
    expect(isRecordable('AWS::EC2::Instance')).toBe(false); // no row
  });
});

describe('a change rule on a recorded type', () => {
  it("is triggered by Config's changes and never scheduled, with tracking off or on", () => {
    const r = rule('sagemaker-notebook-no-direct-internet');
    for (const options of [OFF, ON, undefined]) {
      expect(typeSourceOf(r, NOTEBOOK, options)).toBe('config');
      expect(plan(r, options ?? OFF)).toEqual({
        change: [NOTEBOOK],
        scheduled: [],
        schedule: undefined,
        isScheduled: false,
        inventory: [],
        tracked: [],
      });
    }
    expect(configTypesOf(r)).toEqual([NOTEBOOK]);
  });
});

describe('a change rule with one type Config does not record (a hybrid rule)', () => {
  const r = rule('sagemaker-resource-tagged');

  it('keeps its change trigger for the recorded types and lists the other daily through its adapter', () => {
    const recorded = r.resourceTypes.filter((t) => t !== MONITORING_SCHEDULE);
    expect(typeSourceOf(r, MONITORING_SCHEDULE)).toBe('inventory');
    expect(plan(r, OFF)).toEqual({
      change: recorded,
      scheduled: [MONITORING_SCHEDULE],
      schedule: DEFAULT_SCHEDULE,
      isScheduled: true,
      inventory: [MONITORING_SCHEDULE],
      tracked: [],
    });
    expect(DEFAULT_SCHEDULE).toBe('TwentyFour_Hours');
    // Monitoring schedules are not among the types tracking records: the same with it on.
    expect(plan(r, ON)).toEqual(plan(r, OFF));
    expect(configTypesOf(r)).toEqual(recorded);
  });
});

describe('a periodic rule that lists a type Config does not record', () => {
  const r = rule('sagemaker-training-job-volume-kms');

  it('runs on its schedule through its adapter with tracking off', () => {
    expect(typeSourceOf(r, TRAINING_JOB, OFF)).toBe('inventory');
    expect(plan(r, OFF)).toEqual({
      change: [],
      scheduled: [TRAINING_JOB],
      schedule: 'TwentyFour_Hours',
      isScheduled: true,
      inventory: [TRAINING_JOB],
      tracked: [],
    });
    expect(configTypesOf(r)).toEqual([]);
  });

  it('is triggered by the changes the pack records itself with tracking on, and not scheduled', () => {
    expect(typeSourceOf(r, TRAINING_JOB, ON)).toBe('tracked');
    expect(plan(r, ON)).toEqual({
      change: [TRAINING_JOB],
      scheduled: [],
      schedule: undefined,
      isScheduled: false,
      inventory: [],
      tracked: [TRAINING_JOB],
    });
  });
});

describe('a periodic inventory rule on a type Config records', () => {
  it('still lists it through the SageMaker API: what it judges is not in the recorded item', () => {
    const r = rule('sagemaker-notebook-platform-supported');
    expect(isRecordable(NOTEBOOK)).toBe(true);
    for (const options of [OFF, ON]) {
      expect(typeSourceOf(r, NOTEBOOK, options)).toBe('inventory');
      expect(plan(r, options)).toMatchObject({ change: [], scheduled: [NOTEBOOK], inventory: [NOTEBOOK], tracked: [] });
    }
    expect(configTypesOf(r)).toEqual([]);
  });
});

describe('a periodic rule that reads Config items (a rule a user adds)', () => {
  const r: Rule = { ...rule('sagemaker-notebook-kms-key'), trigger: { periodic: 'One_Hour' }, source: 'config' };

  it('lists the recorded type from Config at its own frequency, with no change trigger', () => {
    expect(typeSourceOf(r, NOTEBOOK)).toBe('config');
    expect(plan(r, OFF)).toEqual({
      change: [],
      scheduled: [NOTEBOOK],
      schedule: 'One_Hour',
      isScheduled: true,
      inventory: [],
      tracked: [],
    });
    expect(configTypesOf(r)).toEqual([NOTEBOOK]);
  });
});

describe('the types a selection of rules needs recorded', () => {
  it('are the recorded types they evaluate from Config and the types they look up, sorted, once each', () => {
    expect(configTypesOf(rule('sagemaker-model-artifact-versioned-bucket'))).toEqual([
      'AWS::SageMaker::Model',
      'AWS::S3::Bucket',
    ]);
    expect(
      typesToRecord([
        rule('sagemaker-model-artifact-versioned-bucket'),
        rule('s3-bucket-versioning-enabled'),
        rule('sagemaker-model-in-vpc'),
      ]),
    ).toEqual(['AWS::S3::Bucket', 'AWS::SageMaker::Model']);
  });

  it('leave out what the rules list through the SageMaker API, which typesNotRecorded names', () => {
    const selection = [rule('sagemaker-resource-tagged'), rule('sagemaker-training-job-volume-kms')];
    const recorded = typesToRecord(selection);
    expect(recorded).not.toContain(MONITORING_SCHEDULE);
    expect(recorded).not.toContain(TRAINING_JOB);
    expect(recorded).toEqual([...recorded].sort());
    expect(recorded).toHaveLength(rule('sagemaker-resource-tagged').resourceTypes.length - 1);
    expect(typesNotRecorded(selection)).toEqual([MONITORING_SCHEDULE, TRAINING_JOB]);
    expect(typesToRecord([rule('sagemaker-training-job-volume-kms')])).toEqual([]);
    expect(typesNotRecorded([rule('sagemaker-notebook-kms-key')])).toEqual([]);
    // Sorted whatever order the rules come in.
    expect(typesNotRecorded([rule('sagemaker-training-job-volume-kms'), rule('sagemaker-resource-tagged')])).toEqual([
      MONITORING_SCHEDULE,
      TRAINING_JOB,
    ]);
  });

  it('never include a looked-up type the table does not record (a rule a user adds)', () => {
    const lookingUp: Rule = { ...rule('sagemaker-notebook-kms-key'), lookupTypes: ['AWS::SageMaker::Endpoint'] };
    expect(configTypesOf(lookingUp)).toEqual([NOTEBOOK, 'AWS::SageMaker::Endpoint']);
    expect(typesToRecord([lookingUp])).toEqual([NOTEBOOK]);
  });
});
