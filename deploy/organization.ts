// Organization mode: the rules become organization rules (rule-pack.ts), an aggregator collects
// compliance from every account and region, and a service-managed CloudFormation stack set puts
// the member role in every member account (and, with `memberRecorder: create`, a recorder that
// delivers to this account's bucket). The functions stay in this account and assume that role for
// a member's events (rules/_core/cross-account.ts); the role trusts only the functions' own roles
// (by their shared name prefix) and grants only the reads and config:PutEvaluations the selected
// rules need.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { Frequency } from '../rules/_core/rule.js';
import type { StackConfig } from './config.js';
import { CONFIG_ROLE_POLICY } from './recorder.js';
import { KEY_ACTIONS, type DeliveryBucket } from './delivery-bucket.js';
import { exclusionsFor } from './management-account.js';
import {
  aggregatorName,
  aggregatorRoleName,
  deliveryChannelName,
  evaluatorRolePrefix,
  memberRecorderRoleName,
  memberRoleStackSetName,
  recorderName,
} from './names.js';
import { memberTrackingResources, type MemberTracking } from './member-tracking.js';
import { statementsFor, type PolicyStatement } from './permissions.js';
import { serviceTrust } from './policy.js';
import { checkPolicySize, checkTemplateSize } from './quotas.js';
import { OVERRIDE_DESCRIPTION, recordingModeFor, type RecordingModeSpec } from './recording-mode.js';

/** The member recorder's mode in CloudFormation's terms (AWS::Config::ConfigurationRecorder RecordingMode). */
const cloudFormationRecordingMode = (mode: RecordingModeSpec) => ({
  RecordingFrequency: mode.recordingFrequency,
  ...(mode.continuousOverride
    ? {
        RecordingModeOverrides: [
          {
            Description: OVERRIDE_DESCRIPTION,
            RecordingFrequency: 'CONTINUOUS',
            ResourceTypes: mode.continuousOverride,
          },
        ],
      }
    : {}),
});
import type { AccountEnv, OrganizationAccess } from './rule-pack.js';

export const AGGREGATOR_POLICY = 'service-role/AWSConfigRoleForOrganizations';

export interface OrganizationFacts extends OrganizationAccess {
  /** Where the stack set deploys the member role. */
  organizationalUnits: pulumi.Output<string[]>;
  /** The member accounts (not this one, none excluded). */
  memberAccounts: pulumi.Output<string[]>;
  /** The organization's id ('' when nothing needed it). */
  organizationId: pulumi.Output<string>;
}

interface OrganizationView {
  id: string;
  accounts: string[];
  roots: string[];
  /** DescribeOrganization's MasterAccountId ('' when nothing needed it). */
  managementAccount: string;
}

export { memberRecorderRoleName } from './names.js';

/** Which accounts may invoke the functions and where the member role goes: from config, else from Organizations. */
export function organizationFacts(
  config: StackConfig,
  env: AccountEnv,
  opts: pulumi.InvokeOutputOptions = {},
): OrganizationFacts {
  // The organization id admits member recorder roles to the delivery bucket, and with tracking the
  // members' forwarded events to the central bus; the management account's id is what a delegated
  // administrator's stack excludes.
  const needsLookup =
    !config.memberAccounts ||
    !config.memberOrganizationalUnits ||
    config.memberRecorder === 'create' ||
    config.delegatedAdmin ||
    config.tracking;
  const org: pulumi.Output<OrganizationView> = needsLookup
    ? aws.organizations.getOrganizationOutput({}, opts).apply((o) => ({
        id: o.id,
        accounts: o.accounts.filter((a) => (a.state || a.status) === 'ACTIVE').map((a) => a.id),
        roots: o.roots.map((r) => r.id),
        managementAccount: o.masterAccountId,
      }))
    : pulumi.output({ id: '', accounts: [], roots: [], managementAccount: '' });
  const excluded = pulumi.all([org, env.accountId]).apply(([o, own]) => {
    const { accounts, note } = exclusionsFor(config, o.managementAccount, own);
    // Said at preview: why the management account is left out, or what including it needs.
    if (note) pulumi.log[note.level](note.message);
    return accounts;
  });
  const members = pulumi
    .all([org, env.accountId, excluded])
    .apply(([o, own, skip]) =>
      [...new Set(config.memberAccounts ?? o.accounts)].filter((a) => a !== own && !skip.includes(a)).sort(),
    );
  return {
    excludedAccounts: excluded,
    invokingAccounts: pulumi.all([members, env.accountId]).apply(([m, own]) => [own, ...m]),
    memberAccounts: members,
    organizationId: org.apply((o) => o.id),
    organizationalUnits: org.apply((o) => config.memberOrganizationalUnits ?? o.roots),
  };
}

export interface OrganizationSetupArgs {
  config: StackConfig;
  env: AccountEnv;
  facts: OrganizationFacts;
  /** Union of the selected rules' runtime actions. */
  memberActions: pulumi.Input<string[]>;
  /** With memberRecorder create: what each member's recorder records, and where it delivers. */
  memberRecorder?: MemberRecorderArgs;
  /** With tracking on: the packages each member registers, and the bus it forwards to. */
  tracking?: { member: pulumi.Output<MemberTracking>; ready: pulumi.Resource[] };
}

export interface MemberRecorderArgs {
  resourceTypes: string[];
  recordingFrequency: StackConfig['recordingFrequency'];
  snapshotFrequency: Frequency;
  delivery: DeliveryBucket;
}

export class OrganizationSetup extends pulumi.ComponentResource {
  readonly aggregatorRole: aws.iam.Role;
  readonly aggregator: aws.cfg.ConfigurationAggregator;
  readonly stackSet: aws.cloudformation.StackSet;
  readonly stackSetInstance: aws.cloudformation.StackSetInstance;

  constructor(name: string, args: OrganizationSetupArgs, opts?: pulumi.ComponentResourceOptions) {
    super('ml-config-rules:deploy:OrganizationSetup', name, {}, opts);
    const { config, env } = args;
    const p = config.namePrefix;
    const parent = { parent: this };

    this.aggregatorRole = new aws.iam.Role(
      `${name}-aggregator-role`,
      {
        name: aggregatorRoleName(p),
        description: 'Lets AWS Config read the organization for the ML config rules aggregator.',
        assumeRolePolicy: serviceTrust('config.amazonaws.com', env.accountId),
      },
      parent,
    );
    const attachment = new aws.iam.RolePolicyAttachment(
      `${name}-aggregator-policy`,
      {
        role: this.aggregatorRole.name,
        policyArn: pulumi.interpolate`arn:${env.partition}:iam::aws:policy/${AGGREGATOR_POLICY}`,
      },
      parent,
    );
    this.aggregator = new aws.cfg.ConfigurationAggregator(
      `${name}-aggregator`,
      {
        name: aggregatorName(p),
        organizationAggregationSource: { roleArn: this.aggregatorRole.arn, allRegions: true },
      },
      { parent: this, dependsOn: [attachment] },
    );

    const callAs = config.delegatedAdmin ? 'DELEGATED_ADMIN' : 'SELF';
    this.stackSet = new aws.cloudformation.StackSet(
      `${name}-member-role`,
      {
        name: memberRoleStackSetName(p),
        description: 'The role ML config rules functions assume to evaluate this account.',
        permissionModel: 'SERVICE_MANAGED',
        callAs,
        autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
        managedExecution: { active: true },
        capabilities: ['CAPABILITY_NAMED_IAM'],
        templateBody: memberTemplate(
          config,
          env,
          args.memberActions,
          args.memberRecorder,
          args.facts.organizationId,
          args.tracking?.member,
        ),
      },
      {
        parent: this,
        ignoreChanges: ['administrationRoleArn'],
        // Members deliver to the bucket, and register the packages, only once their policies allow it.
        dependsOn: [...(args.memberRecorder?.delivery.ready ?? []), ...(args.tracking?.ready ?? [])],
      },
    );
    this.stackSetInstance = new aws.cloudformation.StackSetInstance(
      `${name}-member-role`,
      {
        stackSetName: this.stackSet.name,
        callAs,
        deploymentTargets: { organizationalUnitIds: args.facts.organizationalUnits },
        operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 25 },
      },
      parent,
    );

    this.registerOutputs({ aggregator: this.aggregator.name, stackSet: this.stackSet.name });
  }
}

/** Size advice for the member role's documents, which do not grow with the organization. */
const FIXED = 'report this as a bug: the member role does not grow with the organization';

/**
 * The CloudFormation template of the member role, with memberRecorder create the member recorder,
 * and with tracking the registrations and forwarding rules (JSON).
 */
export function memberTemplate(
  config: StackConfig,
  env: AccountEnv,
  actions: pulumi.Input<string[]>,
  recorder?: MemberRecorderArgs,
  organizationId: pulumi.Input<string> = '',
  tracking?: pulumi.Input<MemberTracking>,
): pulumi.Output<string> {
  const delivery = recorder
    ? { bucket: recorder.delivery.bucket.id, arn: recorder.delivery.arn, key: recorder.delivery.key?.arn }
    : undefined;
  return pulumi
    .all([env.accountId, env.partition, actions, pulumi.output(delivery), organizationId, pulumi.output(tracking)])
    .apply(([account, partition, allowed, bucket, orgId, tracked]) => {
      // The admin account as principal, narrowed to the functions' roles by their shared name prefix:
      // one size for any selection, and it survives a function role being replaced
      // (aws:PrincipalArn, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
      // With the organization's id known, aws:PrincipalOrgID also requires the caller to be of
      // this organization: a trust policy is a resource-based policy, where the key is documented
      // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid,
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html), and it
      // is present for every principal of a member account, the management account's included.
      const trust: PolicyStatement[] = [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:${partition}:iam::${account}:root` },
          Action: 'sts:AssumeRole',
          Condition: {
            ArnLike: {
              'aws:PrincipalArn': `arn:${partition}:iam::${account}:role/${evaluatorRolePrefix(config.namePrefix)}*`,
            },
            ...(orgId ? { StringEquals: { 'aws:PrincipalOrgID': orgId } } : {}),
          },
        },
      ];
      // As the functions' own roles: SageMaker reads and the compliance read limited to the member
      // account's own ARNs (any Region: organization rules run wherever the stack deploys them).
      const grant = memberScoped(
        statementsFor(allowed, 'Member', { partition, region: '*', accountId: MEMBER_ACCOUNT_ID }),
      );
      const trustJson = checkPolicySize(
        'role trust',
        'the member role',
        JSON.stringify({ Version: '2012-10-17', Statement: trust }),
        FIXED,
      );
      const grantJson = checkPolicySize(
        'role inline',
        'the member role',
        JSON.stringify({ Version: '2012-10-17', Statement: grant }),
        FIXED,
      );
      const resources: Record<string, unknown> = {
        EvaluatorRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: config.memberRoleName,
            Description: 'Assumed by the ML config rules functions of the administrator account.',
            MaxSessionDuration: 3600,
            AssumeRolePolicyDocument: JSON.parse(trustJson),
            Policies: [{ PolicyName: 'ml-config-rules-runtime', PolicyDocument: JSON.parse(grantJson) }],
          },
        },
        ...(recorder && bucket ? memberRecorderResources(config, partition, recorder, bucket) : {}),
        ...(tracked ? memberTrackingResources(config.namePrefix, tracked) : {}),
      };
      return checkTemplateSize(
        'the member stack set',
        JSON.stringify({
          AWSTemplateFormatVersion: '2010-09-09',
          Description: 'Role the ML config rules functions assume to read this account and report evaluations.',
          Resources: resources,
          Outputs: { RoleArn: { Value: { 'Fn::GetAtt': ['EvaluatorRole', 'Arn'] } } },
        }),
        FIXED,
      );
    });
}

/**
 * A recorder in the member account, delivering to the central bucket. CloudFormation starts the
 * recorder once the delivery channel exists, so no separate status resource is needed
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-config-configurationrecorder.html).
 */
function memberRecorderResources(
  config: StackConfig,
  partition: string,
  recorder: MemberRecorderArgs,
  bucket: { bucket: string; arn: string; key?: string | undefined },
): Record<string, unknown> {
  const p = config.namePrefix;
  const own = { Ref: 'AWS::AccountId' };
  const rights: unknown[] = [
    {
      Sid: 'DeliverConfigHistory',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:PutObjectAcl'],
      Resource: { 'Fn::Sub': `${bucket.arn}/AWSLogs/\${AWS::AccountId}/Config/*` },
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
    { Sid: 'CheckDeliveryBucket', Effect: 'Allow', Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: bucket.arn },
    ...(bucket.key ? [{ Sid: 'EncryptDeliveries', Effect: 'Allow', Action: KEY_ACTIONS, Resource: bucket.key }] : []),
  ];
  return {
    RecorderRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: memberRecorderRoleName(p),
        Description: 'AWS Config service role of the ML config rules member recorder.',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'config.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': own } },
            },
          ],
        },
        ManagedPolicyArns: [`arn:${partition}:iam::aws:policy/${CONFIG_ROLE_POLICY}`],
        Policies: [
          { PolicyName: 'ml-config-rules-delivery', PolicyDocument: { Version: '2012-10-17', Statement: rights } },
        ],
      },
    },
    Recorder: {
      Type: 'AWS::Config::ConfigurationRecorder',
      Properties: {
        Name: recorderName(p),
        RoleARN: { 'Fn::GetAtt': ['RecorderRole', 'Arn'] },
        RecordingGroup: {
          AllSupported: false,
          IncludeGlobalResourceTypes: false,
          ResourceTypes: recorder.resourceTypes,
          RecordingStrategy: { UseOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
        },
        RecordingMode: cloudFormationRecordingMode(
          recordingModeFor(recorder.recordingFrequency, recorder.resourceTypes),
        ),
      },
    },
    DeliveryChannel: {
      Type: 'AWS::Config::DeliveryChannel',
      DependsOn: 'Recorder',
      Properties: {
        Name: deliveryChannelName(p),
        S3BucketName: bucket.bucket,
        ...(bucket.key ? { S3KmsKeyArn: bucket.key } : {}),
        ConfigSnapshotDeliveryProperties: { DeliveryFrequency: recorder.snapshotFrequency },
      },
    },
  };
}

/** The member account's id in its own template: CloudFormation's pseudo parameter, resolved by Fn::Sub. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder, not a JS template
const MEMBER_ACCOUNT_ID = '${AWS::AccountId}';

/** Statements for the member template: an ARN naming the member account becomes an Fn::Sub, resolved there. */
function memberScoped(statements: PolicyStatement[]): PolicyStatement[] {
  return statements.map((st) =>
    typeof st.Resource === 'string' && st.Resource.includes('${AWS::')
      ? { ...st, Resource: { 'Fn::Sub': st.Resource } }
      : st,
  );
}
