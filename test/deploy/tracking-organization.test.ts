// Tracking in organization mode, under Pulumi mocks: member accounts forward their SageMaker events
// and a daily schedule to a central bus here, which admits only the organization; the one capture
// function records each in the account that owns the resource, through the member role; the member
// stack set registers the types from this account's packages, which only the organization's
// StackSets execution roles may read.
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCallPattern, forwardedSchedulePattern, stateChangePattern } from '../../deploy/tracking-events.js';
import { memberCaptureActions } from '../../deploy/tracking-grants.js';
import { MEMBER_ROLE_ENV } from '../../rules/_core/cross-account.js';
import { TRACKED_RESOURCES } from '../../rules/_tracking/names.js';
import { ACCOUNT, asList, ORG, runDeploy, type DeployRun } from './harness.js';

const ROLE = 'ml-config-rules-evaluator';
const BUS_ARN = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/ml-config-tracking`;
const RULES = 'sagemaker-training-job-volume-kms,sagemaker-endpoint-tagged';

describe('tracking in organization mode', () => {
  let run: DeployRun;
  let template: { Resources: Record<string, any> };
  beforeAll(async () => {
    run = await runDeploy({ organization: 'true', memberRecorder: 'existing', rules: RULES });
    template = JSON.parse(run.ofType('aws:cloudformation/stackSet:StackSet')[0]!.inputs.templateBody);
  }, 60_000);

  it("creates a central bus that only the organization's principals may put events on", () => {
    expect(run.named('tracking-bus').inputs.name).toBe('ml-config-tracking');
    const policy = JSON.parse(run.named('tracking-bus-policy').inputs.policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'OrganizationForwardsSageMakerEvents',
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: BUS_ARN,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG.id } },
      },
    ]);
  });

  it('invokes the capture from the central bus: the same SageMaker patterns, and the forwarded schedules for the reconcile', () => {
    const central = (rule: string) => run.named(`tracking-central-${rule}`).inputs;
    for (const rule of ['state-changes', 'api-calls', 'reconcile'])
      expect(central(rule).eventBusName, rule).toBe('ml-config-tracking');
    expect(JSON.parse(central('state-changes').eventPattern)).toEqual(stateChangePattern());
    expect(JSON.parse(central('api-calls').eventPattern)).toEqual(apiCallPattern());
    expect(JSON.parse(central('reconcile').eventPattern)).toEqual(forwardedSchedulePattern());
    expect(central('reconcile').scheduleExpression).toBeUndefined();
    for (const rule of ['state-changes', 'api-calls', 'reconcile']) {
      const permission = run.named(`tracking-central-${rule}-invoke`).inputs;
      expect(permission.sourceArn).toBe(run.named(`tracking-central-${rule}`).state!.arn);
      expect(run.named(`tracking-central-${rule}-target`).inputs.eventBusName).toBe('ml-config-tracking');
    }
  });

  it('lets the capture function assume only the member role, in the organization, and names it in its environment', () => {
    const statements = JSON.parse(run.named('tracking-capture-policy').inputs.policy).Statement;
    expect(statements.find((s: any) => s.Sid === 'AssumeMemberRole')).toEqual({
      Sid: 'AssumeMemberRole',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: `arn:aws:iam::*:role/${ROLE}`,
      Condition: { StringEquals: { 'aws:ResourceOrgID': ORG.id } },
    });
    expect(run.named('tracking-capture-function').inputs.environment.variables[MEMBER_ROLE_ENV]).toBe(ROLE);
  });

  it("registers each type in every member from this account's package, made the default version", () => {
    for (const resource of TRACKED_RESOURCES) {
      const object = run.named(`tracking-packages-${resource}`).inputs;
      const version = template.Resources[`Type${resource}`];
      expect(version, resource).toEqual({
        Type: 'AWS::CloudFormation::ResourceVersion',
        Properties: {
          TypeName: `MLConfigRules::SageMaker::${resource}`,
          SchemaHandlerPackage: `s3://${object.bucket}/${object.key}`,
        },
      });
      expect(template.Resources[`Type${resource}Default`]).toEqual({
        Type: 'AWS::CloudFormation::ResourceDefaultVersion',
        Properties: { TypeVersionArn: { 'Fn::GetAtt': [`Type${resource}`, 'Arn'] } },
      });
    }
    // The stack set waits for the packages and the bucket policy that lets the members read them.
    const dependsOn = run.ofType('aws:cloudformation/stackSet:StackSet')[0]!.dependsOn;
    expect(dependsOn).toEqual(
      expect.arrayContaining(['tracking-packages-bucket-policy', 'tracking-packages-TrainingJob']),
    );
  });

  it("lets only the organization's StackSets execution roles read the packages, through S3, with the pack's own key", () => {
    const policy = JSON.parse(run.named('tracking-packages-bucket-policy').inputs.policy);
    const read = policy.Statement.find((s: any) => s.Sid === 'StackSetsReadSchemaPackages');
    expect(read).toEqual({
      Sid: 'StackSetsReadSchemaPackages',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::ml-config-tracking-${ACCOUNT}-us-east-1/schemas/*`,
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': ORG.id },
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/stacksets-exec-*' },
      },
    });
    // An AWS managed key's policy cannot admit other accounts: the bucket uses a key of its own.
    const sse = run.named('tracking-packages-encryption').inputs.rules[0].applyServerSideEncryptionByDefault;
    expect(sse.kmsMasterKeyId).toBe(run.named('tracking-packages-key').state!.arn);
    const key = JSON.parse(run.named('tracking-packages-key').inputs.policy);
    const decrypt = key.Statement.find((s: any) => s.Sid === 'StackSetsReadSchemaPackages');
    expect(decrypt.Action).toBe('kms:Decrypt');
    expect(decrypt.Condition.StringEquals).toEqual({
      'aws:PrincipalOrgID': ORG.id,
      'kms:ViaService': 's3.us-east-1.amazonaws.com',
    });
    expect(run.named('tracking-packages-key-alias').inputs.name).toBe('alias/ml-config-tracking-schemas');
  });

  it("forwards each member's SageMaker events and daily schedule to the central bus, with a role that may do only that", () => {
    const forwarder = template.Resources.TrackingForwarder.Properties;
    expect(forwarder.RoleName).toBe('ml-config-tracking-forwarder');
    expect(forwarder.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    const granted = forwarder.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    expect(granted).toEqual([
      { Sid: 'ForwardToCentralBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS_ARN },
    ]);
    const forwarding = {
      TrackingForwardStateChanges: stateChangePattern(),
      TrackingForwardApiCalls: apiCallPattern(),
    };
    for (const [logical, pattern] of Object.entries(forwarding)) {
      const rule = template.Resources[logical].Properties;
      expect(rule.EventPattern, logical).toEqual(pattern);
      expect(rule.Targets, logical).toEqual([
        { Id: 'central-bus', Arn: BUS_ARN, RoleArn: { 'Fn::GetAtt': ['TrackingForwarder', 'Arn'] } },
      ]);
    }
    const schedule = template.Resources.TrackingForwardReconcile.Properties;
    expect(schedule.ScheduleExpression).toBe('rate(1 day)');
    expect(schedule.EventPattern).toBeUndefined();
    expect(schedule.Name).toBe('ml-config-tracking-forward-reconcile');
  });

  it("adds the capture's calls, and DescribeType for the member's schema versions, to the member role", () => {
    const granted = template.Resources.EvaluatorRole.Properties.Policies.flatMap((p: any) =>
      p.PolicyDocument.Statement.flatMap((s: any) => asList(s.Action)),
    );
    for (const action of memberCaptureActions()) expect(granted, action).toContain(action);
    expect(granted).toContain('cloudformation:DescribeType');
    // The member role trusts the functions' role prefix, which the capture function's role carries.
    const trust = JSON.stringify(template.Resources.EvaluatorRole.Properties.AssumeRolePolicyDocument);
    expect(run.named('tracking-capture-role').inputs.name).toBe('ml-config-eval-tracking-capture');
    expect(trust).toContain(`arn:aws:iam::${ACCOUNT}:role/ml-config-eval-*`);
  });

  it('scopes the organization rules to the tracked type names, which the stack set registers in each member', () => {
    const rule = run.named('sagemaker-training-job-volume-kms-rule');
    expect(rule.inputs.resourceTypesScopes).toEqual(['MLConfigRules::SageMaker::TrainingJob']);
    expect(rule.inputs.triggerTypes).toEqual([
      'ConfigurationItemChangeNotification',
      'OversizedConfigurationItemChangeNotification',
    ]);
    expect(rule.deleteBeforeReplace).toBe(true);
    expect(rule.replaceOnChanges).toEqual(['triggerTypes', 'resourceTypesScopes']);
  });
});
