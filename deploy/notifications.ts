// Compliance-change notifications: an EventBridge rule on Config's "Config Rules Compliance
// Change" events of the pack's rules only, delivering to an SNS topic (created here, or given by
// ARN) a message that names the rule, the resource and the old and new verdict, minutes after
// the change that caused it.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { Notifications } from './config.js';
import { complianceEventRuleName, complianceTopicName } from './names.js';
import { policyJson } from './policy.js';
import { append } from '../rules/_core/arrays.js';

export interface ComplianceNotificationsArgs {
  namePrefix: string;
  /** The Config rule names of the pack. */
  ruleNames: string[];
  /** Organization rules appear in each account as OrgConfigRule-<name>-<suffix>. */
  organization: boolean;
  notifications: Notifications;
}

/** EventBridge takes event patterns of at most 2048 characters (its default quota). */
export const PATTERN_MAX = 2048;

/**
 * The event patterns: Config compliance changes of these rules, nothing else, split into as few
 * patterns as fit EventBridge's size limit, each naming its rules exactly.
 */
export function compliancePatterns(ruleNames: string[], organization: boolean): Record<string, unknown>[] {
  const patterns: unknown[][] = [];
  let current: unknown[] = [];
  for (const name of ruleNames) {
    const entries = namesOf(name, organization);
    if (current.length > 0 && JSON.stringify(patternFor([...current, ...entries])).length > PATTERN_MAX) {
      patterns.push(current);
      current = [];
    }
    append(current, entries);
  }
  if (current.length > 0) patterns.push(current);
  return patterns.map(patternFor);
}

const namesOf = (name: string, organization: boolean): unknown[] =>
  organization ? [name, { prefix: `OrgConfigRule-${name}-` }] : [name];

const patternFor = (names: unknown[]) => ({
  source: ['aws.config'],
  'detail-type': ['Config Rules Compliance Change'],
  detail: { messageType: ['ComplianceChangeNotification'], configRuleName: names },
});

/** What a subscriber reads: rule, resource, account and region, old → new verdict, the annotation. */
export const MESSAGE_PATHS = {
  rule: '$.detail.configRuleName',
  resourceType: '$.detail.resourceType',
  resourceId: '$.detail.resourceId',
  account: '$.detail.awsAccountId',
  region: '$.detail.awsRegion',
  oldVerdict: '$.detail.oldEvaluationResult.complianceType',
  newVerdict: '$.detail.newEvaluationResult.complianceType',
  annotation: '$.detail.newEvaluationResult.annotation',
};
export const MESSAGE_TEMPLATE =
  '"Config rule <rule>: <resourceType> <resourceId> (account <account>, <region>) changed from <oldVerdict> to <newVerdict>. <annotation>"';

/**
 * The topic's own KMS key. Annotations name resources and fields; encrypted at rest they stay
 * readable only to this account. EventBridge publishes to an encrypted topic only when the key
 * policy lets events.amazonaws.com use kms:Decrypt and kms:GenerateDataKey (the docs write
 * GenerateDataKey*; the pack grants no wildcard actions, so the one it names); the AWS managed key
 * aws/sns does not, which is why the key is a customer managed one. The account keeps the
 * actions that administer the key (KMS refuses a policy that locks its account out).
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

function topicKey(name: string, parent: { parent: pulumi.Resource }): aws.kms.Key {
  const account = aws.getCallerIdentityOutput({}, parent).accountId;
  const partition = aws.getPartitionOutput({}, parent).partition;
  return new aws.kms.Key(
    `${name}-topic-key`,
    {
      description: 'Encrypts the ML config rules compliance-change topic.',
      enableKeyRotation: true,
      policy: policyJson([
        {
          Sid: 'AccountAdministersKey',
          Effect: 'Allow',
          Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${account}:root` },
          Action: KEY_ADMIN_ACTIONS,
          Resource: '*',
        },
        {
          Sid: 'EventBridgePublishesEncrypted',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
        },
      ]),
    },
    parent,
  );
}

export class ComplianceNotifications extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;
  readonly eventRules: aws.cloudwatch.EventRule[];
  readonly targets: aws.cloudwatch.EventTarget[];

  constructor(name: string, args: ComplianceNotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('ml-config-rules:deploy:ComplianceNotifications', name, {}, opts);
    const parent = { parent: this };
    const p = args.namePrefix;

    this.eventRules = compliancePatterns(args.ruleNames, args.organization).map(
      (pattern, i) =>
        new aws.cloudwatch.EventRule(
          `${name}-rule${i === 0 ? '' : `-${i + 1}`}`,
          {
            name: complianceEventRuleName(p, i),
            description: 'Compliance changes of the ML config rules pack.',
            eventPattern: JSON.stringify(pattern),
          },
          parent,
        ),
    );

    let topicArn: pulumi.Output<string>;
    const dependsOn: pulumi.Resource[] = [];
    if (args.notifications.topicArn) {
      // A topic of the caller's: its policy must let events.amazonaws.com publish.
      topicArn = pulumi.output(args.notifications.topicArn);
    } else {
      const key = topicKey(name, parent);
      const topic = new aws.sns.Topic(
        `${name}-topic`,
        {
          name: complianceTopicName(p),
          kmsMasterKeyId: key.arn,
        },
        parent,
      );
      topicArn = topic.arn;
      dependsOn.push(
        new aws.sns.TopicPolicy(
          `${name}-topic-policy`,
          {
            arn: topic.arn,
            policy: policyJson([
              {
                Sid: 'ComplianceChangesFromEventBridge',
                Effect: 'Allow',
                Principal: { Service: 'events.amazonaws.com' },
                Action: 'sns:Publish',
                Resource: topic.arn,
                Condition: { ArnEquals: { 'aws:SourceArn': this.eventRules.map((r) => r.arn) } },
              },
            ]),
          },
          parent,
        ),
      );
      args.notifications.emails.forEach((email, i) => {
        new aws.sns.TopicSubscription(
          `${name}-email-${i}`,
          { topic: topic.arn, protocol: 'email', endpoint: email },
          parent,
        );
      });
    }
    this.topicArn = topicArn;

    this.targets = this.eventRules.map(
      (rule, i) =>
        new aws.cloudwatch.EventTarget(
          `${name}-target${i === 0 ? '' : `-${i + 1}`}`,
          {
            rule: rule.name,
            arn: topicArn,
            inputTransformer: { inputPaths: MESSAGE_PATHS, inputTemplate: MESSAGE_TEMPLATE },
          },
          { parent: this, dependsOn },
        ),
    );

    this.registerOutputs({ topicArn });
  }
}
