// The checks several rules share (rules/_core/checks.ts), each with the verdict and the annotation
// a rule passes on: what a value reads as, tag keys, subnets, variants and containers.
import { describe, expect, it } from 'vitest';
import {
  allVariantsServerless,
  checkKmsKey,
  checkTags,
  checkVpcSubnets,
  isTrue,
  kmsKeyAllowed,
  modelContainers,
  productionVariants,
  shown,
} from '../rules/_core/checks.js';

const KEY_ID = '8f3c2a71-4b9e-4d2a-9c6f-2e7b5d1a0c94';
const KEY_ARN = `arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`;

describe('a value as an annotation shows it', () => {
  it('shows absence as unset, a string as itself, the empty string and other values as JSON', () => {
    expect(shown(undefined)).toBe('unset');
    expect(shown(null)).toBe('unset');
    expect(shown('ml-access-logs')).toBe('ml-access-logs');
    // Not "is  (…)" with nothing between the spaces.
    expect(shown('')).toBe('""');
    expect(shown(false)).toBe('false');
    expect(shown(0)).toBe('0');
    expect(shown([])).toBe('[]');
    expect(shown({ Subnets: [] })).toBe('{"Subnets":[]}');
  });

  it('takes true and "true" as true, nothing else', () => {
    expect([true, 'true'].map(isTrue)).toEqual([true, true]);
    for (const value of [false, 'false', 'TRUE', 1, undefined, null]) expect(isTrue(value)).toBe(false);
  });
});

describe('KMS key fields', () => {
  it('refuses a missing or empty key and names the field', () => {
    expect(checkKmsKey('KmsKeyId', undefined, undefined)).toEqual({
      complianceType: 'NON_COMPLIANT',
      annotation: 'KmsKeyId is not set',
    });
    expect(checkKmsKey('KmsKeyId', '', undefined)).toMatchObject({ annotation: 'KmsKeyId is not set' });
    expect(checkKmsKey('KmsKeyId', 42, undefined)).toMatchObject({ annotation: 'KmsKeyId is not set' });
  });

  it('matches a key id against its ARN either way, and an alias only as itself', () => {
    expect(kmsKeyAllowed(KEY_ID, [KEY_ARN])).toBe(true);
    expect(kmsKeyAllowed(KEY_ARN, [KEY_ID])).toBe(true);
    expect(kmsKeyAllowed(`arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${KEY_ID}`, [KEY_ID])).toBe(true);
    expect(kmsKeyAllowed('alias/ml-artifacts', ['alias/ml-artifacts'])).toBe(true);
    // An alias is no key id: it matches no key by id, even one that shares its last part.
    expect(kmsKeyAllowed('alias/ml-artifacts', ['ml-artifacts'])).toBe(false);
    expect(kmsKeyAllowed('arn:aws:kms:us-east-1:123456789012:alias/ml', ['alias/ml'])).toBe(false);
    expect(kmsKeyAllowed(KEY_ID, ['0d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6'])).toBe(false);
    // Only a whole key ARN gives its id: not one with text before it or a line after it.
    expect(kmsKeyAllowed(`x-${KEY_ARN}`, [KEY_ID])).toBe(false);
    expect(kmsKeyAllowed(`${KEY_ARN}\nx`, [KEY_ID])).toBe(false);
    // A value with a colon or an alias is compared as a whole string, never by id.
    expect(kmsKeyAllowed('alias/ml', ['arn:aws:kms:us-east-1:123456789012:key/alias/ml'])).toBe(false);
    expect(kmsKeyAllowed('key:ml', ['arn:aws:kms:us-east-1:123456789012:key/key:ml'])).toBe(false);
    expect(checkKmsKey('KmsKeyId', KEY_ID, ['0d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6'])).toEqual({
      complianceType: 'NON_COMPLIANT',
      annotation: `KmsKeyId ${KEY_ID} is not in kmsKeyArns`,
    });
  });
});

describe('tags', () => {
  it('without required keys, wants one tag of its own: aws: tags do not count', () => {
    expect(checkTags({ 'aws:cloudformation:stack-name': 'ml' }, undefined)).toEqual({
      complianceType: 'NON_COMPLIANT',
      annotation: 'no tags (other than aws: tags) are set',
    });
    expect(checkTags({}, undefined)).toMatchObject({ complianceType: 'NON_COMPLIANT' });
    expect(checkTags({ 'aws:x': '1', team: 'growth-ml' }, undefined)).toMatchObject({ complianceType: 'COMPLIANT' });
  });

  it('with required keys, names each one missing or empty, in the order asked', () => {
    const tags = { team: 'growth-ml', 'cost-center': '', owner: 'ana' };
    expect(checkTags(tags, ['team', 'owner'])).toMatchObject({ complianceType: 'COMPLIANT' });
    expect(checkTags(tags, ['project', 'team', 'cost-center'])).toEqual({
      complianceType: 'NON_COMPLIANT',
      annotation: 'missing or empty tags: project, cost-center',
    });
    // An inherited name is no tag of the resource's.
    expect(checkTags({}, ['constructor'])).toMatchObject({ annotation: 'missing or empty tags: constructor' });
  });
});

describe('VpcConfig subnets', () => {
  it('wants at least one non-empty subnet id, and says what it found', () => {
    expect(checkVpcSubnets({ Subnets: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b'] })).toMatchObject({
      complianceType: 'COMPLIANT',
    });
    expect(checkVpcSubnets(undefined)).toEqual({ complianceType: 'NON_COMPLIANT', annotation: 'VpcConfig is not set' });
    expect(checkVpcSubnets('vpc-0a1b')).toMatchObject({ annotation: 'VpcConfig is not set' });
    expect(checkVpcSubnets({ Subnets: [] })).toMatchObject({ annotation: 'VpcConfig.Subnets is []' });
    expect(checkVpcSubnets({ Subnets: ['', 7] })).toMatchObject({ annotation: 'VpcConfig.Subnets is ["",7]' });
    expect(checkVpcSubnets({ SecurityGroupIds: ['sg-0a1b'] })).toMatchObject({
      annotation: 'VpcConfig.Subnets is unset',
    });
  });
});

describe('production variants', () => {
  const instance = { VariantName: 'AllTraffic', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 2 };
  const serverless = { VariantName: 'Serverless', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } };

  it('reads the variants defensively: objects only, none when the field is not a list', () => {
    expect(productionVariants({ ProductionVariants: [instance, null, 'AllTraffic', serverless] })).toEqual([
      instance,
      serverless,
    ]);
    expect(productionVariants({ ProductionVariants: { VariantName: 'AllTraffic' } })).toEqual([]);
    expect(productionVariants({})).toEqual([]);
  });

  it('is serverless only when there are variants and every one is', () => {
    expect(allVariantsServerless({ ProductionVariants: [serverless] })).toBe(true);
    expect(allVariantsServerless({ ProductionVariants: [serverless, instance] })).toBe(false);
    expect(allVariantsServerless({ ProductionVariants: [instance, serverless] })).toBe(false);
    expect(allVariantsServerless({ ProductionVariants: [] })).toBe(false);
    expect(allVariantsServerless({ ProductionVariants: [{ ...serverless, ServerlessConfig: null }] })).toBe(false);
  });
});

describe('model containers', () => {
  it('names the primary container and each listed one by its place, skipping what is not an object', () => {
    const primary = { Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1' };
    const second = { Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/postprocess:2.0' };
    expect(modelContainers({ PrimaryContainer: primary })).toEqual([['PrimaryContainer', primary]]);
    expect(modelContainers({ Containers: [primary, null, 'image', second] })).toEqual([
      ['Containers[0]', primary],
      ['Containers[3]', second],
    ]);
    expect(modelContainers({ PrimaryContainer: 'image', Containers: 'image' })).toEqual([]);
  });
});
