// Inputs no fixture carries because AWS does not record them, yet an item's schema lets them through
// (an empty list or string, a boolean as text, a field left out) and a hand-written item, or a bucket
// policy in a template that S3 has not checked, can hold them. Each case starts from a fixture of the
// rule, changes only what the case is about, and goes through the engine as a change event does (the
// schema check, then the rule): the exact verdict and annotation.
import { describe, expect, it } from 'vitest';
import { evaluateItem, paramsFor } from '../rules/_core/engine.js';
import { normaliseItem } from '../rules/_core/items.js';
import type { RawParams } from '../rules/_core/params.js';
import { ruleById } from '../rules/index.js';
import { fixture } from './support/fixtures.js';

const TS = '2026-11-20T09:14:03.512Z';

/** The verdict on a fixture of the rule after `change`, with these rule parameters. */
function outcome(ruleId: string, file: string, change: (item: any) => void, params: RawParams = {}) {
  const raw = fixture(ruleId, file);
  change(raw);
  const rule = ruleById(ruleId)!;
  const evaluation = evaluateItem(rule, normaliseItem(raw), paramsFor(rule, params), TS, () => undefined);
  return { verdict: evaluation.ComplianceType, annotation: evaluation.Annotation ?? null };
}

const compliant = { verdict: 'COMPLIANT', annotation: null };
const nonCompliant = (annotation: string) => ({ verdict: 'NON_COMPLIANT', annotation });

describe('s3-bucket-ssl-requests-only', () => {
  const RULE = 's3-bucket-ssl-requests-only';
  const BUCKET = 'fraud-detection-training-data-123456789012';
  const ARN = `arn:aws:s3:::${BUCKET}`;
  /** The fixture's one statement: Deny, Principal *, s3:*, bucket and objects, aws:SecureTransport false. */
  const denyInsecure = (changes: Record<string, unknown> = {}) => ({
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [ARN, `${ARN}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    ...changes,
  });
  const withPolicyText = (policyText: unknown) =>
    outcome(RULE, 'compliant.deny-insecure-transport.json', (item) => {
      item.supplementaryConfiguration.BucketPolicy.policyText = policyText;
    });
  const withStatements = (...statements: unknown[]) =>
    withPolicyText(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
  const noDeny = (statements: number) =>
    nonCompliant(
      `BucketPolicy.policyText has no Deny for Principal * on s3:* when aws:SecureTransport is false (${statements} statement${statements === 1 ? '' : 's'} checked)`,
    );

  it('reads an empty policy text as no policy', () => {
    expect(withPolicyText('')).toEqual(nonCompliant('BucketPolicy.policyText is null (the bucket has no policy)'));
  });

  it('reads a policy already parsed into an object as it reads the text', () => {
    expect(withPolicyText({ Version: '2012-10-17', Statement: [denyInsecure()] })).toEqual(compliant);
  });

  it('refuses a list of statements given without its policy document', () => {
    expect(withPolicyText(JSON.stringify([denyInsecure()]))).toEqual(
      nonCompliant('BucketPolicy.policyText is not a JSON policy document'),
    );
  });

  it('counts only the statements that are objects', () => {
    expect(withStatements(null)).toEqual(noDeny(0));
  });

  it('finds no s3:* in an Action list nested in a list', () => {
    expect(withStatements(denyInsecure({ Action: [['s3:*']] }))).toEqual(noDeny(1));
  });

  it('finds no bucket in a Resource list nested in a list', () => {
    expect(withStatements(denyInsecure({ Resource: [[ARN, `${ARN}/*`]] }))).toEqual(noDeny(1));
  });

  it('takes a Resource for the bucket only when the bucket ARN starts it', () => {
    const inside = `fraud-detection-arn:aws:s3:::training-data-123456789012`;
    expect(withStatements(denyInsecure({ Resource: [inside, `${inside}/*`] }))).toEqual(noDeny(1));
  });

  it('finds no false in an empty list of aws:SecureTransport values', () => {
    const Condition = { Bool: { 'aws:SecureTransport': [] } };
    expect(withStatements(denyInsecure({ Condition }))).toEqual(noDeny(1));
  });

  it('counts a condition operator whose block is not an object as a test that narrows the deny', () => {
    const Condition = { Bool: { 'aws:SecureTransport': 'false' }, StringNotEquals: 'vpce-0a1b2c3d4e5f60718' };
    expect(withStatements(denyInsecure({ Condition }))).toEqual(noDeny(1));
  });

  it('finds no aws:SecureTransport test in an operator block that is not an object', () => {
    expect(withStatements(denyInsecure({ Condition: { Bool: 'false' } }))).toEqual(noDeny(1));
  });
});

describe('s3-bucket-kms-encryption', () => {
  const RULE = 's3-bucket-kms-encryption';
  const KEY_ARNS = 'arn:aws:kms:us-east-1:123456789012:key/8f3c2a71-4b9e-4d2a-9c6f-2e7b5d1a0c94';

  it('finds no default encryption in an empty list of rules', () => {
    const result = outcome(RULE, 'compliant.customer-managed-key.json', (item) => {
      item.supplementaryConfiguration.ServerSideEncryptionConfiguration.rules = [];
    });
    expect(result).toEqual(nonCompliant('ServerSideEncryptionConfiguration has no default encryption rule'));
  });

  it('reads an empty kmsMasterKeyID as the AWS managed key', () => {
    const result = outcome(
      RULE,
      'non-compliant.aws-managed-key-with-allow-list.json',
      (item) => {
        item.supplementaryConfiguration.ServerSideEncryptionConfiguration.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyID =
          '';
      },
      { kmsKeyArns: KEY_ARNS },
    );
    expect(result).toEqual(
      nonCompliant('kmsMasterKeyID is unset (AWS managed key aws/s3), which matches no kmsKeyArns entry'),
    );
  });
});

describe('s3-bucket-logging-enabled', () => {
  it('reads an empty destinationBucketName as logging off', () => {
    const result = outcome('s3-bucket-logging-enabled', 'compliant.logging-on.json', (item) => {
      item.supplementaryConfiguration.BucketLoggingConfiguration.destinationBucketName = '';
    });
    expect(result).toEqual(
      nonCompliant('BucketLoggingConfiguration.destinationBucketName is "" (server access logging is off)'),
    );
  });
});

describe('s3-bucket-versioning-enabled', () => {
  const RULE = 's3-bucket-versioning-enabled';

  it('reads a bucket without BucketVersioningConfiguration as versioning Off', () => {
    const result = outcome(RULE, 'compliant.enabled.json', (item) => {
      delete item.supplementaryConfiguration.BucketVersioningConfiguration;
    });
    expect(result).toEqual(nonCompliant('BucketVersioningConfiguration.status is Off'));
  });

  it('shows an isMfaDeleteEnabled left out as null', () => {
    const result = outcome(
      RULE,
      'compliant.enabled.json',
      (item) => {
        delete item.supplementaryConfiguration.BucketVersioningConfiguration.isMfaDeleteEnabled;
      },
      { isMfaDeleteEnabled: 'true' },
    );
    expect(result).toEqual(nonCompliant('BucketVersioningConfiguration.isMfaDeleteEnabled is null'));
  });
});

describe('sagemaker-endpoint-config-data-capture', () => {
  const RULE = 'sagemaker-endpoint-config-data-capture';

  it('reads EnableCapture "false", as text, as false', () => {
    const result = outcome(RULE, 'compliant.capture-enabled.json', (item) => {
      item.configuration.DataCaptureConfig.EnableCapture = 'false';
    });
    expect(result).toEqual(nonCompliant('DataCaptureConfig.EnableCapture is false'));
  });

  it('does not compare an unset (null) InitialSamplingPercentage with minSamplingPercentage', () => {
    const result = outcome(RULE, 'compliant.capture-enabled.json', (item) => {
      item.configuration.DataCaptureConfig.InitialSamplingPercentage = null;
    });
    expect(result).toEqual(compliant);
  });
});

describe('sagemaker-feature-group-offline-kms', () => {
  it('reads an empty OfflineStoreConfig as no offline store', () => {
    const result = outcome('sagemaker-feature-group-offline-kms', 'not-applicable.online-only.json', (item) => {
      item.configuration.OfflineStoreConfig = {};
    });
    expect(result).toEqual({
      verdict: 'NOT_APPLICABLE',
      annotation: 'no offline store (OfflineStoreConfig is unset)',
    });
  });
});
