// What invokes the capture function: EventBridge rules for SageMaker's own state changes and for
// the CloudTrail API calls that create, change, delete or tag a tracked resource, and a daily
// schedule for the reconcile. SageMaker's events (both kinds) land on the default bus of the
// account they happen in ("When an AWS service in your account emits an event, it goes to your
// account's default event bus", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html);
// "AWS API Call via CloudTrail" events reach it only where a CloudTrail trail logs
// (same page). The patterns name exactly the calls and detail types the capture reads
// (rules/_tracking/targets.ts), each within EventBridge's event pattern quota of 2,048
// characters (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html).
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { CAPTURED_API_CALLS, CAPTURED_STATE_CHANGES } from '../rules/_tracking/targets.js';
import { type TrackingEventRule, trackingEventRuleName } from './names.js';
import { PATTERN_MAX } from './notifications.js';

/** SageMaker's state-change events the capture reads (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-sagemaker.html). */
export const stateChangePattern = () => ({
  source: ['aws.sagemaker'],
  'detail-type': [...CAPTURED_STATE_CHANGES],
});

/** SageMaker's API calls as CloudTrail records them, in the pattern form the events reference shows. */
export const apiCallPattern = () => ({
  source: ['aws.sagemaker'],
  'detail-type': ['AWS API Call via CloudTrail'],
  detail: { eventSource: ['sagemaker.amazonaws.com'], eventName: [...CAPTURED_API_CALLS] },
});

/** The reconcile, once a day (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html). */
export const RECONCILE_SCHEDULE = 'rate(1 day)';

/**
 * A member account's daily schedule, forwarded to the central bus: a scheduled event keeps the
 * member's `account`, and no PutEvents caller can send an aws.* source, so this matches only
 * schedules forwarded by the organization's rules.
 */
export const forwardedSchedulePattern = () => ({ source: ['aws.events'], 'detail-type': ['Scheduled Event'] });

/** A pattern as EventBridge takes it, refused at preview when over the quota. */
export function patternJson(pattern: unknown, what: string): string {
  const json = JSON.stringify(pattern);
  if (json.length > PATTERN_MAX)
    throw new Error(
      `${what}: the event pattern is ${json.length} characters, over EventBridge's ${PATTERN_MAX}; report this as a bug`,
    );
  return json;
}

/** The three triggers: a pattern, or the schedule. */
export function triggerSpecs(forwarded: boolean): { rule: TrackingEventRule; pattern?: string; schedule?: string }[] {
  return [
    { rule: 'state-changes', pattern: patternJson(stateChangePattern(), 'state changes') },
    { rule: 'api-calls', pattern: patternJson(apiCallPattern(), 'API calls') },
    forwarded
      ? { rule: 'reconcile', pattern: patternJson(forwardedSchedulePattern(), 'forwarded schedules') }
      : { rule: 'reconcile', schedule: RECONCILE_SCHEDULE },
  ];
}

const DESCRIPTIONS: Record<TrackingEventRule, string> = {
  'state-changes': 'SageMaker state changes of tracked resources, to the ML config rules capture function.',
  'api-calls': 'SageMaker API calls on tracked resources (CloudTrail), to the ML config rules capture function.',
  reconcile: 'Daily reconcile of the ML config rules tracked resources.',
};

export interface CaptureTriggersArgs {
  namePrefix: string;
  fn: aws.lambda.Function;
  /** A custom bus (organization mode: the central bus, whose reconcile rule matches forwarded schedules); the default bus otherwise. */
  bus?: aws.cloudwatch.EventBus;
}

export interface CaptureTrigger {
  rule: aws.cloudwatch.EventRule;
  target: aws.cloudwatch.EventTarget;
  permission: aws.lambda.Permission;
}

/** The rules, targets and invoke permissions (each bound to its rule's ARN) on one bus. */
export function captureTriggers(
  name: string,
  args: CaptureTriggersArgs,
  parent: pulumi.Resource,
): Record<TrackingEventRule, CaptureTrigger> {
  const on = args.bus ? 'central' : 'default';
  const out = {} as Record<TrackingEventRule, CaptureTrigger>;
  for (const spec of triggerSpecs(args.bus !== undefined)) {
    const logical = `${name}-${on}-${spec.rule}`;
    const rule = new aws.cloudwatch.EventRule(
      logical,
      {
        name: trackingEventRuleName(args.namePrefix, spec.rule),
        description:
          args.bus && spec.rule === 'reconcile'
            ? "Member accounts' daily schedules, forwarded: the ML config rules reconcile of each."
            : DESCRIPTIONS[spec.rule],
        ...(args.bus ? { eventBusName: args.bus.name } : {}),
        ...(spec.pattern ? { eventPattern: spec.pattern } : {}),
        ...(spec.schedule ? { scheduleExpression: spec.schedule } : {}),
        state: 'ENABLED',
      },
      { parent },
    );
    const permission = new aws.lambda.Permission(
      `${logical}-invoke`,
      {
        action: 'lambda:InvokeFunction',
        function: args.fn.name,
        principal: 'events.amazonaws.com',
        sourceArn: rule.arn,
        statementId: `Events${on === 'central' ? 'Central' : ''}${spec.rule
          .split('-')
          .map((w) => w[0]!.toUpperCase() + w.slice(1))
          .join('')}`,
      },
      { parent },
    );
    const target = new aws.cloudwatch.EventTarget(
      `${logical}-target`,
      {
        rule: rule.name,
        ...(args.bus ? { eventBusName: args.bus.name } : {}),
        arn: args.fn.arn,
        targetId: 'capture',
      },
      { parent, dependsOn: [permission] },
    );
    out[spec.rule] = { rule, target, permission };
  }
  return out;
}
