// The account rule and the organization rule are two layouts of one spec: for every rule and both
// tracking settings, the two carry the same notifications, schedule, scope, parameters and
// description. Pure functions: no Pulumi mocks needed.
import { describe, expect, it } from 'vitest';
import {
  accountRuleArgs,
  CHANGE_MESSAGE_TYPES,
  configRuleSpec,
  organizationRuleArgs,
  PERIODIC_MESSAGE_TYPE,
} from '../../deploy/config-rule.js';
import { parseStackConfig } from '../../deploy/config.js';
import { rules as registry } from '../../rules/index.js';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:ml-config-sagemaker-endpoint-tagged';
const EXCLUDED = ['444455556666'];

describe.each([false, true])('one spec, two layouts (tracking %s)', (tracking) => {
  const config = parseStackConfig({
    tracking: String(tracking),
    scopeTagKey: 'team',
    parameters: JSON.stringify({ 'sagemaker-endpoint-tagged': { requiredTagKeys: 'owner,cost-center' } }),
  });

  it.each(registry.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    const spec = configRuleSpec(rule, config, `ml-config-${rule.id}`, FUNCTION_ARN);
    const account = accountRuleArgs(spec);
    const organization = organizationRuleArgs(spec, EXCLUDED);
    const details = (account.source as { sourceDetails: { messageType: string; maximumExecutionFrequency?: string }[] })
      .sourceDetails;

    expect(details.map((d) => d.messageType)).toEqual(organization.triggerTypes);
    expect(details.find((d) => d.messageType === PERIODIC_MESSAGE_TYPE)?.maximumExecutionFrequency).toBe(
      organization.maximumExecutionFrequency,
    );
    expect((account.scope as { complianceResourceTypes?: string[] } | undefined)?.complianceResourceTypes).toEqual(
      organization.resourceTypesScopes,
    );
    expect(account.inputParameters).toBe(organization.inputParameters);
    expect(JSON.parse(account.inputParameters as string)).toMatchObject({ scopeTagKey: 'team' });
    expect(account.description).toBe(organization.description);
    expect((account.source as { sourceIdentifier: string }).sourceIdentifier).toBe(organization.lambdaFunctionArn);
    expect(organization.excludedAccounts).toEqual(EXCLUDED);
    // Every rule is triggered somehow: by changes, by a schedule, or both.
    expect(details.length).toBeGreaterThan(0);
  });
});

describe('the layouts of a spec', () => {
  it('a hybrid spec gets both change notifications and the schedule, the types as scope', () => {
    const spec = {
      name: 'ml-config-sagemaker-resource-tagged',
      description: 'SageMaker resources carry the required tags.',
      functionArn: FUNCTION_ARN,
      changeTypes: ['AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::EndpointConfig'],
      schedule: 'TwentyFour_Hours' as const,
      inputJson: '{"requiredTagKeys":"owner"}',
    };
    expect(accountRuleArgs(spec)).toEqual({
      name: spec.name,
      description: spec.description,
      source: {
        owner: 'CUSTOM_LAMBDA',
        sourceIdentifier: FUNCTION_ARN,
        sourceDetails: [
          { eventSource: 'aws.config', messageType: 'ConfigurationItemChangeNotification' },
          { eventSource: 'aws.config', messageType: 'OversizedConfigurationItemChangeNotification' },
          {
            eventSource: 'aws.config',
            messageType: 'ScheduledNotification',
            maximumExecutionFrequency: 'TwentyFour_Hours',
          },
        ],
      },
      inputParameters: spec.inputJson,
      scope: { complianceResourceTypes: spec.changeTypes },
    });
    expect(organizationRuleArgs(spec, EXCLUDED)).toEqual({
      name: spec.name,
      description: spec.description,
      lambdaFunctionArn: FUNCTION_ARN,
      triggerTypes: [...CHANGE_MESSAGE_TYPES, PERIODIC_MESSAGE_TYPE],
      excludedAccounts: EXCLUDED,
      inputParameters: spec.inputJson,
      maximumExecutionFrequency: 'TwentyFour_Hours',
      resourceTypesScopes: spec.changeTypes,
    });
  });

  it('a periodic spec takes no scope and no change notifications; one without parameters sends none', () => {
    const spec = {
      name: 'n',
      description: 'd',
      functionArn: FUNCTION_ARN,
      changeTypes: [],
      schedule: 'One_Hour' as const,
    };
    const account = accountRuleArgs(spec);
    expect(account).not.toHaveProperty('scope');
    expect(account).not.toHaveProperty('inputParameters');
    expect((account.source as { sourceDetails: unknown[] }).sourceDetails).toEqual([
      { eventSource: 'aws.config', messageType: 'ScheduledNotification', maximumExecutionFrequency: 'One_Hour' },
    ]);
    const organization = organizationRuleArgs(spec, []);
    expect(organization.triggerTypes).toEqual(['ScheduledNotification']);
    expect(organization).not.toHaveProperty('resourceTypesScopes');
    expect(organization).not.toHaveProperty('inputParameters');
  });

  it('a change-only spec has no frequency in either layout', () => {
    const spec = { name: 'n', description: 'd', functionArn: FUNCTION_ARN, changeTypes: ['AWS::S3::Bucket'] };
    expect((accountRuleArgs(spec).source as { sourceDetails: object[] }).sourceDetails).toHaveLength(2);
    expect(organizationRuleArgs(spec, [])).not.toHaveProperty('maximumExecutionFrequency');
    expect(organizationRuleArgs(spec, []).triggerTypes).toEqual([...CHANGE_MESSAGE_TYPES]);
  });
});
