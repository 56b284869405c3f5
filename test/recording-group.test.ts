// One reading of a recorder's recording group for doctor, scan and the deploy: what each strategy
// records, and the same group widened to record more types without changing its strategy.
import type { RecordingGroup } from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import { groupRecords, groupWith, recorderRecords, strategyOf, typesNotIn } from '../rules/_core/recording-group.js';

const g = (group: object) => group as RecordingGroup;
const INCLUSION = g({
  allSupported: false,
  includeGlobalResourceTypes: false,
  resourceTypes: ['AWS::S3::Bucket'],
  recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
});
const EXCLUSION = g({
  allSupported: false,
  exclusionByResourceTypes: { resourceTypes: ['AWS::EC2::Instance', 'AWS::SageMaker::Model'] },
  recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
});

describe('what a recording group records', () => {
  it('reads each strategy, an absent group and a group older than strategies', () => {
    expect(strategyOf(undefined)).toBe('ALL_SUPPORTED_RESOURCE_TYPES');
    expect(groupRecords(undefined, 'AWS::SageMaker::Model')).toBe(true);
    expect(groupRecords(g({ allSupported: true }), 'AWS::SageMaker::Model')).toBe(true);
    expect([groupRecords(INCLUSION, 'AWS::S3::Bucket'), groupRecords(INCLUSION, 'AWS::SageMaker::Model')]).toEqual([
      true,
      false,
    ]);
    expect([groupRecords(EXCLUSION, 'AWS::S3::Bucket'), groupRecords(EXCLUSION, 'AWS::SageMaker::Model')]).toEqual([
      true,
      false,
    ]);
    const legacy = g({ allSupported: false, resourceTypes: ['AWS::S3::Bucket'] });
    expect(strategyOf(legacy)).toBe('INCLUSION_BY_RESOURCE_TYPES');
    expect(typesNotIn(legacy, ['AWS::SageMaker::Model', 'AWS::S3::Bucket'])).toEqual(['AWS::SageMaker::Model']);
    // The inclusion strategy named, without allSupported: false.
    const named = g({
      resourceTypes: ['AWS::S3::Bucket'],
      recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
    });
    expect(strategyOf(named)).toBe('INCLUSION_BY_RESOURCE_TYPES');
    expect(groupRecords(named, 'AWS::SageMaker::Model')).toBe(false);
  });

  it("answers for a recorder by its group, and for a recorder without one as the API's default", () => {
    expect(recorderRecords({ name: 'default', recordingGroup: INCLUSION }, 'AWS::S3::Bucket')).toBe(true);
    expect(recorderRecords({ name: 'default', recordingGroup: INCLUSION }, 'AWS::SageMaker::Model')).toBe(false);
    expect(recorderRecords({ name: 'default' }, 'AWS::SageMaker::Model')).toBe(true);
  });
});

describe('a group widened to record more types', () => {
  it('adds to an inclusion list, sorted and without duplicates', () => {
    expect(groupWith(INCLUSION, ['AWS::SageMaker::Model', 'AWS::S3::Bucket'])).toEqual({
      allSupported: false,
      includeGlobalResourceTypes: false,
      resourceTypes: ['AWS::S3::Bucket', 'AWS::SageMaker::Model'],
      recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
    });
  });

  it('takes types off an exclusion list, and gives up when the list would be empty', () => {
    expect(groupWith(EXCLUSION, ['AWS::SageMaker::Model'])).toEqual({
      allSupported: false,
      includeGlobalResourceTypes: false,
      exclusionByResourceTypes: { resourceTypes: ['AWS::EC2::Instance'] },
      recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
    });
    expect(groupWith(EXCLUSION, ['AWS::SageMaker::Model', 'AWS::EC2::Instance'])).toBeUndefined();
  });

  it('leaves a group that records all supported types as it is, and reads no group as that', () => {
    const all = g({ allSupported: true, includeGlobalResourceTypes: true });
    expect(groupWith(all, ['AWS::SageMaker::Model'])).toBe(all);
    expect(groupWith(undefined, ['AWS::SageMaker::Model'])).toEqual({ allSupported: true });
  });

  it("keeps the group's global-types setting, and sets it false where the group did not say", () => {
    const withGlobal = (group: RecordingGroup) => g({ ...group, includeGlobalResourceTypes: true });
    expect(groupWith(withGlobal(INCLUSION), ['AWS::SageMaker::Model'])?.includeGlobalResourceTypes).toBe(true);
    expect(groupWith(withGlobal(EXCLUSION), ['AWS::SageMaker::Model'])?.includeGlobalResourceTypes).toBe(true);
    expect(groupWith(EXCLUSION, ['AWS::SageMaker::Model'])?.includeGlobalResourceTypes).toBe(false);
    const legacy = g({ allSupported: false, resourceTypes: ['AWS::S3::Bucket'] });
    expect(groupWith(legacy, ['AWS::SageMaker::Model'])?.includeGlobalResourceTypes).toBe(false);
  });
});
