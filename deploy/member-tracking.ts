// Tracking in a member account (organization mode), as resources of the member template
// (organization.ts). The choice: member events are forwarded to a bus in this account, and the
// one capture function here records each in the account that owns it, with the member role,
// rather than a capture function in every member. One function, one bundle and one log to read,
// upgraded with the stack; a member gets only rules and registrations, no code. What it costs:
// the capture assumes a role per member, and events cross accounts, which EventBridge bills to
// the sender as custom events (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html).
// Items still land in the account that owns the resource: the capture records with the member's
// credentials (rules/_tracking/handler.ts).
// Per member:
//  - each tracked type registered from this account's packages (AWS::CloudFormation::ResourceVersion),
//    and that version made the default (AWS::CloudFormation::ResourceDefaultVersion): a schema
//    change replaces the version, the default moves to the new one, and CloudFormation deletes
//    the old, no longer default, version last
//    (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-resourceversion.html,
//    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-resourcedefaultversion.html);
//  - the two SageMaker event rules and a daily schedule on the member's default bus, targeting the
//    central bus with a role: "If the sender account inherits permissions to send events from an
//    AWS Organizations, the sender account also must have an IAM role with policies that enable it
//    to send events to the receiver account"
//    (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html).
import type { SchemaPackage } from './schema-packages.js';
import { forwarderRoleName, forwardingRuleName, type TrackingEventRule } from './names.js';
import { triggerSpecs } from './tracking-events.js';

export interface MemberTracking {
  /** The packages' bucket name and each package's key (this account's). */
  bucket: string;
  packages: Pick<SchemaPackage, 'key' | 'type'>[];
  /** The central bus's ARN. */
  busArn: string;
}

const LOGICAL: Record<TrackingEventRule, string> = {
  'state-changes': 'TrackingForwardStateChanges',
  'api-calls': 'TrackingForwardApiCalls',
  reconcile: 'TrackingForwardReconcile',
};

const own = { Ref: 'AWS::AccountId' };

/** The template resources of tracking in a member account. */
export function memberTrackingResources(namePrefix: string, tracking: MemberTracking): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  for (const { type, key } of tracking.packages) {
    const version = `Type${type.resource}`;
    resources[version] = {
      Type: 'AWS::CloudFormation::ResourceVersion',
      Properties: { TypeName: type.typeName, SchemaHandlerPackage: `s3://${tracking.bucket}/${key}` },
    };
    resources[`${version}Default`] = {
      Type: 'AWS::CloudFormation::ResourceDefaultVersion',
      Properties: { TypeVersionArn: { 'Fn::GetAtt': [version, 'Arn'] } },
    };
  }
  resources.TrackingForwarder = {
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: forwarderRoleName(namePrefix),
      Description: "Lets EventBridge forward this account's SageMaker events to the ML config rules capture.",
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': own } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'ml-config-rules-forward',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'ForwardToCentralBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: tracking.busArn },
            ],
          },
        },
      ],
    },
  };
  // The member's own events and schedule, on its default bus (the reconcile pattern is for the central bus).
  for (const spec of triggerSpecs(false)) {
    resources[LOGICAL[spec.rule]] = {
      Type: 'AWS::Events::Rule',
      Properties: {
        Name: forwardingRuleName(namePrefix, spec.rule),
        Description: `Forwards to the ML config rules capture in the administrator account: ${spec.rule}.`,
        ...(spec.pattern ? { EventPattern: JSON.parse(spec.pattern) } : {}),
        ...(spec.schedule ? { ScheduleExpression: spec.schedule } : {}),
        State: 'ENABLED',
        Targets: [{ Id: 'central-bus', Arn: tracking.busArn, RoleArn: { 'Fn::GetAtt': ['TrackingForwarder', 'Arn'] } }],
      },
    };
  }
  return resources;
}
