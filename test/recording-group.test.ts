// One reading of a recorder's recording group for doctor, scan and the deploy: what each strategy
// records, and the same group widened to record more types without changing its strategy.
import type { RecordingGroup } from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import { groupRecords, groupWith, strategyOf, typesNotIn } from '../rules/_core/recording-group.js';

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

  it('leaves a group that records all supported types as it is', () => {
    const all = g({ allSupported: true, includeGlobalResourceTypes: true });
    expect(groupWith(all, ['AWS::SageMaker::Model'])).toBe(all);
  });
});
