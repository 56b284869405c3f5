// Judging a resource before it exists (rules/_core/before-deploy.ts): the engine's verdict, except
// where a NON_COMPLIANT verdict hinged on a value the template knows only at deploy time, or on a
// resource that is not defined alongside. Those become NOT_APPLICABLE, saying why, never a guess.
import { describe, expect, it } from 'vitest';
import { isUnresolved, judgeBeforeDeploy, NOT_BEFORE_DEPLOY, unresolved } from '../rules/_core/before-deploy.js';
import { paramsFor } from '../rules/_core/engine.js';
import { ANNOTATION_MAX } from '../rules/_core/evaluations.js';
import { normaliseItem, type ConfigItem } from '../rules/_core/items.js';
import { compliant, nonCompliant, type Rule } from '../rules/_core/rule.js';
import { ruleById, rules } from '../rules/index.js';
import { fixture } from './support/fixtures.js';

const VERSIONED = 'sagemaker-model-artifact-versioned-bucket';
const NOTEBOOK = 'sagemaker-notebook-no-direct-internet';
const BUCKET = 'churn-model-artifacts-123456789012';

const ruleOf = (id: string) => ruleById(id)!;
/** The model whose artifacts are in BUCKET, whose versioning is Suspended in the recorded item. */
const model = (): ConfigItem => normaliseItem(fixture(VERSIONED, 'non-compliant.versioning-suspended.json'));
/** BUCKET as Config records it, with its versioning status set. */
function bucket(status: 'Enabled' | 'Suspended'): ConfigItem {
  const raw = fixture(VERSIONED, '_lookup', 'model-artifact-buckets.json').baseConfigurationItems.find(
    (i: { resourceId: string }) => i.resourceId === BUCKET,
  );
  const item = normaliseItem(raw);
  (item.supplementaryConfiguration as Record<string, unknown>).BucketVersioningConfiguration = { status };
  return item;
}
const judge = (id: string, item: ConfigItem, related: readonly ConfigItem[] = [], suppressions = []) =>
  judgeBeforeDeploy(ruleOf(id), item, paramsFor(ruleOf(id), {}), related, suppressions);

describe('a resource whose related resource is defined alongside', () => {
  it('is judged from that resource, as AWS Config would judge it after deploy', () => {
    const suspended = judge(VERSIONED, model(), [bucket('Suspended')]);
    expect(suspended).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: `PrimaryContainer.ModelDataUrl bucket ${BUCKET} has BucketVersioningConfiguration.status Suspended`,
      ComplianceResourceType: 'AWS::SageMaker::Model',
      ComplianceResourceId: 'churn-lgbm-v7',
    });
    expect(judge(VERSIONED, model(), [bucket('Enabled')]).ComplianceType).toBe('COMPLIANT');
  });
});

describe('a verdict other than NON_COMPLIANT', () => {
  it('is kept as the rule gave it, whatever its lookups missed or its annotation holds', () => {
    const lenient: Rule = {
      ...ruleOf(VERSIONED),
      evaluate: (_item, _params, { lookup }) => {
        const found = lookup('AWS::S3::Bucket', BUCKET);
        return compliant(`bucket ${found ? 'found' : 'not found'}, key ${unresolved('Ref ArtifactKey')}`);
      },
    };
    const evaluation = judgeBeforeDeploy(lenient, model(), paramsFor(lenient, {}));
    expect(evaluation).toMatchObject({
      ComplianceType: 'COMPLIANT',
      Annotation: 'bucket not found, key ⟨Ref ArtifactKey⟩',
    });
  });
});

describe('a NON_COMPLIANT verdict that read two resources not defined here', () => {
  it('names both, in the order the rule read them', () => {
    const twoBuckets: Rule = {
      ...ruleOf(VERSIONED),
      lookups: () => [
        { resourceType: 'AWS::S3::Bucket', resourceId: 'features-a' },
        { resourceType: 'AWS::S3::Bucket', resourceId: 'features-b' },
      ],
      evaluate: (_item, _params, { lookup }) => {
        lookup('AWS::S3::Bucket', 'features-a');
        lookup('AWS::S3::Bucket', 'features-b');
        return nonCompliant('neither bucket is versioned');
      },
    };
    expect(judgeBeforeDeploy(twoBuckets, model(), paramsFor(twoBuckets, {})).Annotation).toBe(
      'AWS::S3::Bucket features-a, AWS::S3::Bucket features-b is not defined here; only AWS Config can judge it ' +
        'after deploy (neither bucket is versioned)',
    );
  });
});

describe('a resource whose related resource is not defined here', () => {
  it('is NOT_APPLICABLE, naming what is missing and the verdict it would have given', () => {
    const evaluation = judge(VERSIONED, model());
    expect(evaluation.ComplianceType).toBe('NOT_APPLICABLE');
    expect(evaluation.Annotation).toBe(
      `AWS::S3::Bucket ${BUCKET} is not defined here; only AWS Config can judge it after deploy ` +
        `(PrimaryContainer.ModelDataUrl bucket ${BUCKET} is unknown to AWS Config (not recorded in this account and Region))`,
    );
  });

  it('is missing when only a resource of another type or another name is defined', () => {
    const otherName = { ...bucket('Enabled'), resourceId: 'churn-model-artifacts-999999999999' };
    const otherType = { ...bucket('Enabled'), resourceType: 'AWS::S3::AccessPoint' };
    for (const related of [[otherName], [otherType]]) {
      const evaluation = judge(VERSIONED, model(), related);
      expect(evaluation.ComplianceType).toBe('NOT_APPLICABLE');
      expect(evaluation.Annotation).toMatch(new RegExp(`^AWS::S3::Bucket ${BUCKET} is not defined here`));
    }
  });

  it('names the first missing resource (the rule stops there), the annotation cut to what Config keeps', () => {
    const item = model();
    const containers = [1, 2, 3, 4, 5].map((n) => ({
      Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-ensemble:2.0.1',
      ModelDataUrl: `s3://churn-ensemble-member-${n}-artifacts-123456789012/output/model.tar.gz`,
    }));
    const { PrimaryContainer: _primary, ...rest } = item.configuration as Record<string, unknown>;
    item.configuration = { ...rest, Containers: containers, InferenceExecutionConfig: { Mode: 'Serial' } };
    const evaluation = judge(VERSIONED, item);
    expect(evaluation.ComplianceType).toBe('NOT_APPLICABLE');
    expect(evaluation.Annotation).toHaveLength(ANNOTATION_MAX);
    expect(evaluation.Annotation).toMatch(
      /^AWS::S3::Bucket churn-ensemble-member-1-artifacts-123456789012 is not defined here; .* \[truncated\]$/,
    );
  });

  it('leaves a verdict that is not NON_COMPLIANT as the rule gave it', () => {
    const imageOnly = normaliseItem(fixture(VERSIONED, 'not-applicable.image-only.json'));
    expect(judge(VERSIONED, imageOnly).ComplianceType).toBe('NOT_APPLICABLE');
    expect(judge(VERSIONED, imageOnly).Annotation).toBe('no S3 model artifacts (ModelDataUrl or ModelDataSource)');
  });
});

describe('a value known only at deploy time', () => {
  const notebook = (access: unknown): ConfigItem => {
    const item = normaliseItem(fixture(NOTEBOOK, 'non-compliant.enabled.json'));
    (item.configuration as Record<string, unknown>).DirectInternetAccess = access;
    return item;
  };

  it('turns a NON_COMPLIANT verdict that names it into NOT_APPLICABLE, with the verdict it would have given', () => {
    const evaluation = judge(NOTEBOOK, notebook(unresolved('Ref InternetAccess')));
    expect(evaluation.ComplianceType).toBe('NOT_APPLICABLE');
    expect(evaluation.Annotation).toMatch(/^unresolved before deploy: DirectInternetAccess is ⟨Ref InternetAccess⟩/);
  });

  it('leaves a verdict the known values decide as it is', () => {
    expect(judge(NOTEBOOK, notebook('Enabled')).ComplianceType).toBe('NON_COMPLIANT');
    expect(judge(NOTEBOOK, notebook('Disabled')).ComplianceType).toBe('COMPLIANT');
  });

  it('is any text holding the bracket, and nothing that is not text', () => {
    expect(unresolved('Ref KeyArn')).toBe('⟨Ref KeyArn⟩');
    expect(isUnresolved('arn:aws:kms:us-east-1:123456789012:key/⟨Ref KeyId⟩')).toBe(true);
    expect(isUnresolved('Enabled')).toBe(false);
    expect(isUnresolved(['⟨Ref KeyArn⟩'])).toBe(false);
    expect(isUnresolved(undefined)).toBe(false);
  });
});

describe('an accepted exception', () => {
  it('applies before deploy as after it', () => {
    const evaluation = judge(VERSIONED, model(), [bucket('Suspended')], [
      { id: VERSIONED, reason: 'artifacts copied to a versioned bucket nightly', expires: '2099-12-31' },
    ] as never);
    expect(evaluation.ComplianceType).toBe('NOT_APPLICABLE');
    expect(evaluation.Annotation).toMatch(
      /^suppressed: artifacts copied to a versioned bucket nightly \(was NON_COMPLIANT: /,
    );
  });
});

describe('the rules that cannot judge a resource before it exists', () => {
  it('are rules of the pack, each with the reason', () => {
    const ids = new Set(rules.map((r) => r.id));
    // The two that judge what only exists after deploy: a live endpoint's schedules, a registry's history.
    expect(Object.keys(NOT_BEFORE_DEPLOY).sort()).toEqual([
      'sagemaker-endpoint-monitoring-scheduled',
      'sagemaker-model-package-group-approval',
    ]);
    for (const [id, why] of Object.entries(NOT_BEFORE_DEPLOY)) {
      expect(ids.has(id), id).toBe(true);
      expect(why, id).toMatch(/^judges .{20,}/);
    }
  });
});
