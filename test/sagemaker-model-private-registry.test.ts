// Inputs no fixture can hold, as SageMaker and Config never produce them: a model without any
// container, an item without the account id Config always sends, and a ModelPackageName that is an
// ARN but not a model package's.
import { describe, expect, it } from 'vitest';
import { evaluateEvent } from '../rules/_core/engine.js';
import { inputToEvent } from '../cli/local/input.js';
import { localSources } from '../cli/local/sources.js';
import rule from '../rules/sagemaker-model-private-registry.js';
import { fixture } from './support/fixtures.js';

async function verdicts(item: unknown) {
  const { evaluations } = await evaluateEvent(rule, inputToEvent(item), localSources([]));
  return evaluations.map((e) => [e.ComplianceType, e.Annotation]);
}

describe('sagemaker-model-private-registry', () => {
  it('is NOT_APPLICABLE to a model item without PrimaryContainer or Containers', async () => {
    const item = fixture(rule.id, 'compliant.own-account-ecr.json');
    delete item.configuration.PrimaryContainer;
    delete item.configuration.Containers;
    expect(await verdicts(item)).toEqual([['NOT_APPLICABLE', 'no PrimaryContainer or Containers']]);
  });

  it('allows no account when the item names none and allowedRegistryAccounts is not given', async () => {
    const item = fixture(rule.id, 'compliant.own-account-ecr.json');
    delete item.awsAccountId;
    expect(await verdicts(item)).toEqual([
      [
        'NON_COMPLIANT',
        'PrimaryContainer.Image 123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud-scorer:1.4.2 is in ECR account 123456789012, not in allowedRegistryAccounts (none)',
      ],
    ]);
  });

  it('owns no ModelPackageName that is an ARN of something other than a model package', async () => {
    const item = fixture(rule.id, 'compliant.own-model-package.json');
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:model-package-group/fraud-detection';
    item.configuration.PrimaryContainer.ModelPackageName = arn;
    expect(await verdicts(item)).toEqual([
      [
        'NON_COMPLIANT',
        `PrimaryContainer.ModelPackageName ${arn} is not owned by an account in allowedRegistryAccounts`,
      ],
    ]);
  });
});
