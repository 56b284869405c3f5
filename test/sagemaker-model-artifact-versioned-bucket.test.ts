// What the rule asks Config for (BatchGetResourceConfig takes only real bucket names: a key without
// one fails the whole call), and inputs no fixture can hold: a URL host that is no bucket name, and
// a bucket item without its versioning setting.
import { describe, expect, it } from 'vitest';
import { evaluateEvent, type Sources } from '../rules/_core/engine.js';
import type { ConfigItem } from '../rules/_core/items.js';
import type { LookupKey } from '../rules/_core/rule.js';
import { fixturesOf } from '../cli/local/fixtures.js';
import { inputToEvent } from '../cli/local/input.js';
import { localSources } from '../cli/local/sources.js';
import { FIXTURES_DIR } from '../cli/paths.js';
import rule from '../rules/sagemaker-model-artifact-versioned-bucket.js';
import { fixture } from './support/fixtures.js';

/** The recorded buckets of the rule's fixtures (_lookup). */
const buckets = (): ConfigItem[] => structuredClone(fixturesOf(FIXTURES_DIR, rule.id)[0]!.lookups);

/** The evaluation of a model item, and the keys the rule asked Config for. */
async function run(model: unknown, recorded: ConfigItem[] = buckets()) {
  const asked: LookupKey[] = [];
  const local = localSources(recorded);
  const sources: Sources = {
    ...local,
    batchGet: (keys) => {
      asked.push(...keys);
      return local.batchGet(keys);
    },
  };
  const { evaluations } = await evaluateEvent(rule, inputToEvent(model), sources);
  return { verdicts: evaluations.map((e) => [e.ComplianceType, e.Annotation]), asked };
}

const model = (file: string) => fixture(rule.id, file);

describe('sagemaker-model-artifact-versioned-bucket', () => {
  it('asks Config for no bucket when the artifact URL names none', async () => {
    const { verdicts, asked } = await run(model('non-compliant.url-names-no-bucket.json'));
    expect(asked).toEqual([]);
    expect(verdicts).toEqual([
      [
        'NON_COMPLIANT',
        'PrimaryContainer.ModelDataUrl https://models.example.com/churn/lgbm-v6/model.tar.gz names no S3 bucket',
      ],
    ]);
  });

  it('asks for the buckets the artifact URLs name, by name', async () => {
    const { verdicts, asked } = await run(model('compliant.multi-container-versioned.json'));
    expect(asked).toEqual([
      { resourceType: 'AWS::S3::Bucket', resourceId: 'ml-platform-shared-models-123456789012' },
      { resourceType: 'AWS::S3::Bucket', resourceId: 'fraud-detection-model-artifacts-123456789012' },
    ]);
    expect(verdicts).toEqual([['COMPLIANT', undefined]]);
  });

  it('takes a host that is no bucket name (an access point ARN) for no bucket, and looks nothing up', async () => {
    const item = model('non-compliant.versioning-suspended.json');
    const url = 's3://arn:aws:s3:us-east-1:123456789012:accesspoint/churn-models/churn-lgbm-v7/model.tar.gz';
    item.configuration.PrimaryContainer.ModelDataUrl = url;
    const { verdicts, asked } = await run(item);
    expect(asked).toEqual([]);
    expect(verdicts).toEqual([['NON_COMPLIANT', `PrimaryContainer.ModelDataUrl ${url} names no S3 bucket`]]);
  });

  it('reads a bucket item without BucketVersioningConfiguration as never versioned (Off)', async () => {
    const recorded = buckets();
    const churn = recorded.find((b) => b.resourceId === 'churn-model-artifacts-123456789012')!;
    delete churn.supplementaryConfiguration.BucketVersioningConfiguration;
    const { verdicts } = await run(model('non-compliant.versioning-suspended.json'), recorded);
    expect(verdicts).toEqual([
      [
        'NON_COMPLIANT',
        'PrimaryContainer.ModelDataUrl bucket churn-model-artifacts-123456789012 has BucketVersioningConfiguration.status Off',
      ],
    ]);
  });
});
