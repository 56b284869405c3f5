// Tracking (stack key `tracking`, docs/tracking.md): the SageMaker resources Config does not
// record, recorded by the pack itself. This account gets the schema packages and one registration
// per type, the capture function, and its EventBridge rules on the default bus (SageMaker's state
// changes, CloudTrail's API calls, a daily reconcile). In organization mode, a central bus that
// admits the organization's forwarded events, with the same rules on it; member-tracking.ts puts
// the registrations and forwarding rules in each member account through the stack set.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { trackedTypes } from '../rules/_tracking/types.js';
import type { TrackerCode } from './bundles.js';
import { captureFunction, type CaptureFunction } from './capture-function.js';
import type { StackConfig } from './config.js';
import type { MemberTracking } from './member-tracking.js';
import { trackingBusName, type TrackingEventRule } from './names.js';
import type { PolicyStatement } from './permissions.js';
import { sizedPolicy } from './quotas.js';
import type { AccountEnv } from './rule-pack.js';
import { SchemaPackages } from './schema-packages.js';
import { captureTriggers, type CaptureTrigger } from './tracking-events.js';
import { type Registration, registerTypes, schemaVersionsJson } from './type-registrations.js';

export interface TrackingArgs {
  config: StackConfig;
  env: AccountEnv;
  code: TrackerCode;
  /** Organization mode: the organization's id (the central bus and the packages admit it). */
  organizationId?: pulumi.Output<string>;
}

export class Tracking extends pulumi.ComponentResource {
  readonly packages: SchemaPackages;
  readonly registrations: Registration[];
  readonly capture: CaptureFunction;
  readonly triggers: Record<TrackingEventRule, CaptureTrigger>;
  readonly bus?: aws.cloudwatch.EventBus;
  readonly busPolicy?: aws.cloudwatch.EventBusPolicy;
  readonly centralTriggers?: Record<TrackingEventRule, CaptureTrigger>;

  constructor(name: string, args: TrackingArgs, opts?: pulumi.ComponentResourceOptions) {
    super('ml-config-rules:deploy:Tracking', name, {}, opts);
    const { config, env } = args;
    const p = config.namePrefix;
    this.packages = new SchemaPackages(
      `${name}-packages`,
      {
        namePrefix: p,
        accountId: env.accountId,
        partition: env.partition,
        region: env.region,
        types: trackedTypes(config.trackingNamespace),
        ...(config.accessLogBucket ? { accessLogBucket: config.accessLogBucket } : {}),
        ...(args.organizationId ? { organizationId: args.organizationId } : {}),
      },
      { parent: this },
    );
    this.registrations = registerTypes(`${name}-type`, this.packages.packages, this);
    this.capture = captureFunction(
      `${name}-capture`,
      {
        config,
        env,
        code: args.code,
        schemaVersions: schemaVersionsJson(this.registrations),
        ...(args.organizationId ? { organizationId: args.organizationId } : {}),
      },
      this,
    );
    this.triggers = captureTriggers(name, { namePrefix: p, fn: this.capture.fn }, this);
    if (args.organizationId) {
      this.bus = new aws.cloudwatch.EventBus(
        `${name}-bus`,
        {
          name: trackingBusName(p),
          description: "Member accounts' SageMaker events, forwarded to the ML config rules capture function.",
        },
        { parent: this },
      );
      this.busPolicy = new aws.cloudwatch.EventBusPolicy(
        `${name}-bus-policy`,
        {
          eventBusName: this.bus.name,
          policy: sizedPolicy(
            'event bus',
            'the tracking bus',
            centralBusStatements(this.bus.arn, args.organizationId),
            'report this as a bug: the policy does not grow with the organization',
          ),
        },
        { parent: this },
      );
      this.centralTriggers = captureTriggers(name, { namePrefix: p, fn: this.capture.fn, bus: this.bus }, this);
    }
    this.registerOutputs({ function: this.capture.fn.name });
  }

  /** The registrations by the AWS type each stands for: a rule on that type waits for its registration. */
  registrationsByAwsType(): Record<string, pulumi.Resource> {
    return Object.fromEntries(this.registrations.map((r) => [r.awsType, r.type]));
  }

  /** What the member template needs: the packages and the central bus (organization mode only). */
  memberTracking(): pulumi.Output<MemberTracking> | undefined {
    if (!this.bus) return undefined;
    const packages = this.packages.packages.map(({ key, type }) => ({ key, type }));
    return pulumi
      .all([this.packages.bucket.id, this.bus.arn])
      .apply(([bucket, busArn]) => ({ bucket, busArn, packages }));
  }
}

/**
 * Any principal of the organization may put events on the bus: the member accounts' forwarding
 * roles are such principals (the organization form of the bus policy,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html).
 */
export function centralBusStatements(
  busArn: pulumi.Input<string>,
  organizationId: pulumi.Input<string>,
): pulumi.Output<PolicyStatement[]> {
  return pulumi.all([busArn, organizationId]).apply(([arn, orgId]): PolicyStatement[] => [
    {
      Sid: 'OrganizationForwardsSageMakerEvents',
      Effect: 'Allow',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: arn,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } },
    },
  ]);
}
