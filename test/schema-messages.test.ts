// The messages of the item schemas (rules/_core/schemas) where a validation library's defaults
// differ from what a user must see: a list where an object belongs, a number beyond float range
// (JSON's 1e309 parses as Infinity), and the union of a hook list and a single hook, which names
// the field of the branch that got furthest.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { ConfigItem } from '../rules/_core/items.js';
import { configuration, fieldNames, str } from '../rules/_core/schemas/fields.js';
import { validateItem } from '../rules/_core/schemas/index.js';

const item = (resourceType: string, configuration: unknown, supplementaryConfiguration: unknown = {}): ConfigItem =>
  ({
    resourceType,
    resourceId: 'fraud-detection-training',
    configurationItemStatus: 'OK',
    awsAccountId: '123456789012',
    tags: {},
    configuration,
    supplementaryConfiguration,
  }) as ConfigItem;

const messageOf = (i: ConfigItem) => {
  try {
    validateItem(i);
  } catch (error) {
    return (error as Error).message.replace(/^\S+ fraud-detection-training: /, '');
  }
  return 'valid';
};

describe('item schema messages', () => {
  it.each([
    ['AWS::SageMaker::NotebookInstance', [], 'configuration must be an object, got a list'],
    ['AWS::SageMaker::NotebookInstance', null, 'configuration must be an object, got null'],
    ['AWS::SageMaker::NotebookInstance', 'x', 'configuration must be an object, got a string'],
    ['AWS::SageMaker::Model', undefined, 'configuration must be an object, got undefined'],
    [
      'AWS::SageMaker::NotebookInstanceLifecycleConfig',
      { OnCreate: [null] },
      'configuration.OnCreate[0] must be a hook object ({"Content": ...}), got null',
    ],
    ['AWS::SageMaker::NotebookInstance', { KmsKeyId: [] }, 'configuration.KmsKeyId must be a string, got a list'],
    [
      'AWS::SageMaker::EndpointConfig',
      { DataCaptureConfig: [] },
      'configuration.DataCaptureConfig must be an object, got a list',
    ],
    [
      'AWS::SageMaker::EndpointConfig',
      { DataCaptureConfig: { InitialSamplingPercentage: Number.POSITIVE_INFINITY } },
      'configuration.DataCaptureConfig.InitialSamplingPercentage must be a number, got number Infinity',
    ],
    [
      'AWS::SageMaker::EndpointConfig',
      { DataCaptureConfig: { InitialSamplingPercentage: '12x' } },
      'configuration.DataCaptureConfig.InitialSamplingPercentage must be a number, got a string',
    ],
    ['AWS::SageMaker::EndpointConfig', { DataCaptureConfig: { InitialSamplingPercentage: '12.5' } }, 'valid'],
    // Numbers as text, as the CLI and some recorders write them: whole, signed, any count of decimals.
    ['AWS::SageMaker::EndpointConfig', { DataCaptureConfig: { InitialSamplingPercentage: '12' } }, 'valid'],
    ['AWS::SageMaker::EndpointConfig', { DataCaptureConfig: { InitialSamplingPercentage: '-0.25' } }, 'valid'],
    [
      'AWS::SageMaker::EndpointConfig',
      { DataCaptureConfig: { InitialSamplingPercentage: 'x12' } },
      'configuration.DataCaptureConfig.InitialSamplingPercentage must be a number, got a string',
    ],
    // Booleans as JSON or as the text Config sometimes records.
    ['AWS::SageMaker::EndpointConfig', { EnableNetworkIsolation: 'true' }, 'valid'],
    ['AWS::SageMaker::EndpointConfig', { EnableNetworkIsolation: 'false' }, 'valid'],
    ['AWS::SageMaker::EndpointConfig', { EnableNetworkIsolation: false }, 'valid'],
    [
      'AWS::SageMaker::EndpointConfig',
      { ProductionVariants: { VariantName: 'AllTraffic' } },
      'configuration.ProductionVariants must be a list, got an object',
    ],
    [
      'AWS::SageMaker::ModelPackageGroup',
      { LatestModelPackage: { CreationTime: { epoch: 1 } } },
      'configuration.LatestModelPackage.CreationTime must be a date (ISO text or epoch number), got an object',
    ],
    [
      'AWS::SageMaker::ModelPackageGroup',
      { LatestModelPackage: { CreationTime: '2026-12-01T09:30:00.000Z' } },
      'valid',
    ],
    ['AWS::SageMaker::ModelPackageGroup', { LatestModelPackage: { CreationTime: 1764581400 } }, 'valid'],
    [
      'AWS::SageMaker::EndpointConfig',
      { EnableNetworkIsolation: 'yes' },
      'configuration.EnableNetworkIsolation must be true or false, got a string',
    ],
    [
      'AWS::SageMaker::NotebookInstanceLifecycleConfig',
      { OnCreate: [{ Content: 5 }] },
      'configuration.OnCreate[0].Content must be a string, got number 5',
    ],
    [
      'AWS::SageMaker::NotebookInstanceLifecycleConfig',
      { OnCreate: { Content: 5 } },
      'configuration.OnCreate.Content must be a string, got number 5',
    ],
    [
      'AWS::SageMaker::NotebookInstanceLifecycleConfig',
      { OnCreate: 'x' },
      'configuration.OnCreate must be a list of hook objects, got a string',
    ],
    [
      'AWS::SageMaker::NotebookInstanceLifecycleConfig',
      { OnCreate: [[1]] },
      'configuration.OnCreate[0] must be a hook object ({"Content": ...}), got a list',
    ],
  ])('%s %j: %s', (type, configuration, expected) => {
    expect(messageOf(item(type, configuration))).toBe(expected);
  });

  it('refuses a list as a bucket policy document, and takes text or an object', () => {
    const bucket = (policyText: unknown) => item('AWS::S3::Bucket', {}, { BucketPolicy: { policyText } });
    expect(messageOf(bucket([]))).toBe(
      'supplementaryConfiguration.BucketPolicy.policyText must be a policy document, got a list',
    );
    expect(messageOf(bucket('{"Version":"2012-10-17","Statement":[]}'))).toBe('valid');
    expect(messageOf(bucket({ Version: '2012-10-17', Statement: [] }))).toBe('valid');
  });
});

describe('the fields a configuration schema checks', () => {
  it('are the keys of its object, in order, and none for a schema that is no object', () => {
    expect(fieldNames(configuration({ KmsKeyId: str(), DirectInternetAccess: str() }))).toEqual([
      'KmsKeyId',
      'DirectInternetAccess',
    ]);
    expect(fieldNames(v.looseObject({ RoleArn: str() }))).toEqual(['RoleArn']);
    expect(fieldNames(str())).toEqual([]);
  });
});
