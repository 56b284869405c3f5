// Remediation for rules that name an AWS-owned SSM Automation document: a remediation
// configuration on the Config rule, run by an automation role of its own that may do only what
// that document does. Manual by default (an operator starts it from the console); automatic with
// retries when configured.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { childName, childOptions } from './child-names.js';
import type { Rule } from '../rules/_core/rule.js';
import type { StackConfig } from './config.js';
import { remediationRoleName } from './names.js';
import type { PolicyStatement } from './permissions.js';
import { serviceTrust } from './policy.js';
import { sizedPolicy } from './quotas.js';

/** The runbook reference page of each document, and the actions its automation role needs. */
export interface RunbookGrant {
  runbook: string;
  actions: readonly string[];
}

/**
 * One row per SSM document: the actions its runbook reference lists under "Required IAM
 * permissions"; where a page lists none, the API each step calls. The automation role grants
 * exactly these, S3 actions bound to buckets of this account (s3:ResourceAccount).
 */
export const REMEDIATION_DOCUMENTS: Record<string, RunbookGrant> = {
  // The page lists no permissions; its one step calls PutBucketVersioning, and GetBucketVersioning reads the result.
  'AWS-ConfigureS3BucketVersioning': {
    runbook:
      'https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-configures3bucketversioning.html',
    actions: ['s3:GetBucketVersioning', 's3:PutBucketVersioning'],
  },
  // The page lists no permissions; its step calls PutBucketEncryption (s3:PutEncryptionConfiguration).
  'AWS-EnableS3BucketEncryption': {
    runbook:
      'https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enables3bucketencryption.html',
    actions: ['s3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration'],
  },
  'AWSConfigRemediation-RestrictBucketSSLRequestsOnly': {
    runbook:
      'https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-s3-deny-http.html',
    actions: [
      'ssm:GetAutomationExecution',
      'ssm:StartAutomationExecution',
      's3:DeleteBucketPolicy',
      's3:GetBucketPolicy',
      's3:PutBucketPolicy',
      's3:PutEncryptionConfiguration',
    ],
  },
};

/** The automation role's statements for one document: S3 in this account only, SSM automation of this account. */
export function remediationStatements(document: string, partition: string, accountId: string): PolicyStatement[] {
  const grant = REMEDIATION_DOCUMENTS[document];
  if (!grant) throw new Error(`no grant for remediation document ${document}`);
  const s3 = grant.actions.filter((a) => a.startsWith('s3:'));
  const ssm = grant.actions.filter((a) => a.startsWith('ssm:'));
  const other = grant.actions.find((a) => !a.startsWith('s3:') && !a.startsWith('ssm:'));
  if (other)
    throw new Error(`remediation document ${document}: ${other} has no resource binding in deploy/remediation.ts`);
  return [
    // s3:ResourceAccount: https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html
    ...(s3.length > 0
      ? [
          {
            Sid: 'Remediate',
            Effect: 'Allow' as const,
            Action: s3,
            Resource: `arn:${partition}:s3:::*`,
            Condition: { StringEquals: { 's3:ResourceAccount': accountId } },
          },
        ]
      : []),
    // The runbook's own nested automation: executions in this account, and the AWS-owned document.
    ...(ssm.length > 0
      ? [
          {
            Sid: 'RunAutomation',
            Effect: 'Allow' as const,
            Action: ssm,
            Resource: [
              `arn:${partition}:ssm:*:${accountId}:automation-execution/*`,
              `arn:${partition}:ssm:*:*:automation-definition/${document}:*`,
            ],
          },
        ]
      : []),
  ];
}

/** A rule's remediation document must be one the deploy knows how to grant. */
export function remediationDocumentOf(rule: Rule): string | undefined {
  const document = rule.remediation?.document;
  if (document && !REMEDIATION_DOCUMENTS[document]) {
    throw new Error(
      `rule ${rule.id} names remediation document ${document}, which deploy/remediation.ts does not know: add its IAM actions to REMEDIATION_DOCUMENTS`,
    );
  }
  return document;
}

export interface RemediationArgs {
  rule: Rule;
  configRuleName: pulumi.Input<string>;
  config: StackConfig;
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
}

export function remediationFor(
  name: string,
  args: RemediationArgs,
  opts: pulumi.CustomResourceOptions,
): aws.cfg.RemediationConfiguration | undefined {
  const { rule, config } = args;
  const document = remediationDocumentOf(rule);
  if (!document || !rule.remediation || config.remediation === 'off') return undefined;
  const role = new aws.iam.Role(
    childName(`${name}-automation-role`, opts),
    {
      name: remediationRoleName(config.namePrefix, rule.id),
      description: `Runs ${document} for the Config rule ${config.namePrefix}${rule.id}.`,
      assumeRolePolicy: serviceTrust('ssm.amazonaws.com', args.accountId),
    },
    childOptions(`${name}-automation-role`, opts),
  );
  const rolePolicy = new aws.iam.RolePolicy(
    childName(`${name}-automation-policy`, opts),
    {
      role: role.name,
      policy: sizedPolicy(
        'role inline',
        `automation role of rule ${rule.id}`,
        pulumi
          .all([args.partition, args.accountId])
          .apply(([p, account]) => remediationStatements(document, p, account)),
        'report this as a bug: the grant does not grow with configuration',
      ),
    },
    childOptions(`${name}-automation-policy`, opts),
  );
  const automatic = config.remediation === 'automatic';
  return new aws.cfg.RemediationConfiguration(
    childName(name, opts),
    {
      configRuleName: args.configRuleName,
      targetType: 'SSM_DOCUMENT',
      targetId: document,
      ...(rule.resourceTypes.length === 1 ? { resourceType: rule.resourceTypes[0] } : {}),
      parameters: [
        { name: 'AutomationAssumeRole', staticValue: role.arn },
        ...Object.entries(rule.remediation.parameters).map(([param, value]) =>
          value === 'RESOURCE_ID'
            ? { name: param, resourceValue: 'RESOURCE_ID' }
            : { name: param, staticValue: value.static },
        ),
      ],
      automatic,
      ...(automatic
        ? { maximumAutomaticAttempts: config.remediationAttempts, retryAttemptSeconds: config.remediationRetrySeconds }
        : {}),
    },
    childOptions(name, { ...opts, dependsOn: [rolePolicy, ...toArray(opts.dependsOn)] }),
  );
}

function toArray<T>(value: pulumi.Input<pulumi.Input<T>[]> | pulumi.Input<T> | undefined): pulumi.Input<T>[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value as pulumi.Input<T>];
}
