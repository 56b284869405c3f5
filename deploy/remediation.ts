// Remediation for rules that name an AWS-owned SSM Automation document: a remediation
// configuration on the Config rule, run by an automation role of its own that may do only what
// that document does. Manual by default (an operator starts it from the console); automatic with
// retries when configured.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { Rule } from '../rules/_core/rule.js';
import type { StackConfig } from './config.js';
import { remediationRoleName } from './names.js';
import { policyJson, serviceTrust } from './policy.js';

/** What each document calls, on which resources: the automation role grants exactly this. */
export const REMEDIATION_DOCUMENTS: Record<string, { actions: string[]; resource: (partition: string) => string }> = {
  'AWS-ConfigureS3BucketVersioning': { actions: ['s3:GetBucketVersioning', 's3:PutBucketVersioning'], resource: (p) => `arn:${p}:s3:::*` },
  'AWS-EnableS3BucketEncryption': { actions: ['s3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration'], resource: (p) => `arn:${p}:s3:::*` },
  'AWSConfigRemediation-RestrictBucketSSLRequestsOnly': { actions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy'], resource: (p) => `arn:${p}:s3:::*` },
};

/** A rule's remediation document must be one the deploy knows how to grant. */
export function remediationDocumentOf(rule: Rule): string | undefined {
  const document = rule.remediation?.document;
  if (document && !REMEDIATION_DOCUMENTS[document]) {
    throw new Error(`rule ${rule.id} names remediation document ${document}, which deploy/remediation.ts does not know: add its IAM actions to REMEDIATION_DOCUMENTS`);
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

export function remediationFor(name: string, args: RemediationArgs, opts: pulumi.CustomResourceOptions): aws.cfg.RemediationConfiguration | undefined {
  const { rule, config } = args;
  const document = remediationDocumentOf(rule);
  if (!document || !rule.remediation || config.remediation === 'off') return undefined;
  const grant = REMEDIATION_DOCUMENTS[document]!;
  const role = new aws.iam.Role(`${name}-automation-role`, {
    name: remediationRoleName(config.namePrefix, rule.id),
    description: `Runs ${document} for the Config rule ${config.namePrefix}${rule.id}.`,
    assumeRolePolicy: serviceTrust('ssm.amazonaws.com', args.accountId),
  }, opts);
  const rolePolicy = new aws.iam.RolePolicy(`${name}-automation-policy`, {
    role: role.name,
    policy: policyJson([
      { Sid: 'Remediate', Effect: 'Allow', Action: grant.actions, Resource: pulumi.output(args.partition).apply(grant.resource) },
    ]),
  }, opts);
  const automatic = config.remediation === 'automatic';
  return new aws.cfg.RemediationConfiguration(name, {
    configRuleName: args.configRuleName,
    targetType: 'SSM_DOCUMENT',
    targetId: document,
    ...(rule.resourceTypes.length === 1 ? { resourceType: rule.resourceTypes[0] } : {}),
    parameters: [
      { name: 'AutomationAssumeRole', staticValue: role.arn },
      ...Object.entries(rule.remediation.parameters).map(([param, value]) =>
        value === 'RESOURCE_ID' ? { name: param, resourceValue: 'RESOURCE_ID' } : { name: param, staticValue: value.static },
      ),
    ],
    automatic,
    ...(automatic ? { maximumAutomaticAttempts: config.remediationAttempts, retryAttemptSeconds: config.remediationRetrySeconds } : {}),
  }, { ...opts, dependsOn: [rolePolicy, ...toArray(opts.dependsOn)] });
}

function toArray<T>(value: pulumi.Input<pulumi.Input<T>[]> | pulumi.Input<T> | undefined): pulumi.Input<T>[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value as pulumi.Input<T>];
}
