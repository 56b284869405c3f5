// The whole deploy from a validated stack configuration: the recorder (created, adopted or
// extended, as recorder-plan.ts decided at preview), tracking, the rule pack, organization mode
// and compliance notifications.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { codeWhenNoneGiven, type CodeFor, type TrackerCode } from './bundles.js';
import { typesToRecord } from '../rules/_core/recording.js';
import type { StackConfig } from './config.js';
import { DeliveryBucket } from './delivery-bucket.js';
import { ComplianceNotifications } from './notifications.js';
import { memberRecorderRoleName, OrganizationSetup, organizationFacts } from './organization.js';
import { loadAdapterActions, memberActions } from './permissions.js';
import { Tracking } from './tracking.js';
import type { TrackingNote } from './tracking-estimate.js';
import { memberCaptureActions } from './tracking-grants.js';
import { ConfigRecorder } from './recorder.js';
import { extendRecorder } from './extended-recorder.js';
import type { RecorderPlan } from './recorder-plan.js';
import { remediationDocumentOf } from './remediation.js';
import { RulePack, type AccountEnv } from './rule-pack.js';

export interface DeployOptions {
  /** Each function's code; by default the rule's bundle, built into dist/ by this program. */
  code?: CodeFor;
  /**
   * What to do about this Region's recorder (recorder-plan.ts), from `planRecorder`; without one,
   * the program builds as for an account with no recorder (create, unless createRecorder is false).
   */
  recorder?: RecorderPlan;
  /** The capture function's code; by default its bundle, built into dist/ by this program. */
  trackerCode?: TrackerCode;
  /** What the preview says about tracking's item count (tracking-estimate.ts). */
  trackingEstimate?: TrackingNote[];
  /**
   * The MlConfigRules component these resources belong to: each part is named under its name
   * (`<name>-rules`, `<name>-recorder`...) and is its child, so two components fit in one stack.
   */
  component?: { name: string; resource: pulumi.ComponentResource };
}

export interface DeployedPack {
  delivery?: DeliveryBucket;
  recorder?: ConfigRecorder;
  /** createRecorder true: the account's own recorder, with the types the rules need added. */
  extendedRecorder?: aws.cfg.Recorder;
  recorderPlan: RecorderPlan;
  pack: RulePack;
  organization?: OrganizationSetup;
  notifications?: ComplianceNotifications;
  tracking?: Tracking;
}

/** The account, partition and Region the resources go to: those of `opts`' provider (a component's, by its parent). */
export function accountEnv(opts: pulumi.InvokeOutputOptions = {}): AccountEnv {
  return {
    accountId: aws.getCallerIdentityOutput({}, opts).accountId,
    partition: aws.getPartitionOutput({}, opts).partition,
    region: aws.getRegionOutput({}, opts).region,
  };
}

/**
 * Config-recorded compliance history: recorded when the selection holds only inventory rules, so
 * there is still a recorder, which PutConfigRule requires
 * (https://docs.aws.amazon.com/config/latest/developerguide/view-compliance-history.html).
 */
export const COMPLIANCE_HISTORY_TYPE = 'AWS::Config::ResourceCompliance';

/** What the recorder records: the types the rules evaluate from Config and look up, never nothing. */
export function recordedTypes(config: StackConfig): string[] {
  const types = typesToRecord(config.rules);
  return types.length > 0 ? types : [COMPLIANCE_HISTORY_TYPE];
}

export function deployPack(config: StackConfig, options: DeployOptions = {}): DeployedPack {
  const named = (part: string) => (options.component ? `${options.component.name}-${part}` : part);
  const child = options.component ? { parent: options.component.resource } : {};
  // Fail at preview, before any resource, when a rule names a document the deploy cannot grant.
  for (const rule of config.rules) remediationDocumentOf(rule);
  const env = accountEnv(child);
  const adapters = loadAdapterActions(config.rules, undefined, { tracking: config.tracking });
  const types = recordedTypes(config);
  const facts = config.organization ? organizationFacts(config, env, child) : undefined;
  const membersRecord = config.organization && config.memberRecorder === 'create';
  const plan: RecorderPlan =
    options.recorder ??
    (config.createRecorder === false ? { action: 'skip', notes: [] } : { action: 'create', notes: [] });
  for (const note of [...plan.notes, ...(options.trackingEstimate ?? [])]) pulumi.log[note.level](note.text);
  const createsRecorder = plan.action === 'create';

  // One delivery bucket for this account's recorder and the member recorders.
  const delivery =
    createsRecorder || membersRecord
      ? new DeliveryBucket(
          named('recorder'),
          {
            namePrefix: config.namePrefix,
            accountId: env.accountId,
            partition: env.partition,
            region: env.region,
            encryption: config.deliveryBucketEncryption,
            retain: config.retainDeliveryBucket,
            ...(config.accessLogBucket ? { accessLogBucket: config.accessLogBucket } : {}),
            ...(membersRecord && facts
              ? {
                  members: {
                    organizationId: facts.organizationId,
                    accounts: facts.memberAccounts,
                    recorderRoleName: memberRecorderRoleName(config.namePrefix),
                  },
                }
              : {}),
          },
          child,
        )
      : undefined;
  const recorder =
    createsRecorder && delivery
      ? new ConfigRecorder(
          named('recorder'),
          {
            namePrefix: config.namePrefix,
            accountId: env.accountId,
            partition: env.partition,
            region: env.region,
            resourceTypes: types,
            recordingFrequency: config.recordingFrequency,
            snapshotFrequency: config.snapshotFrequency,
            delivery,
            ...(config.deliveryTopicArn ? { deliveryTopicArn: config.deliveryTopicArn } : {}),
          },
          child,
        )
      : undefined;
  const extendedRecorder =
    plan.action === 'extend' ? extendRecorder(plan.args, named('extended-recorder'), child) : undefined;

  // Before the rules, which wait for the registrations of their tracked types.
  const tracking = config.tracking
    ? new Tracking(
        named('tracking'),
        {
          config,
          env,
          code: options.trackerCode ?? codeWhenNoneGiven().tracker(),
          ...(facts ? { organizationId: facts.organizationId } : {}),
        },
        child,
      )
    : undefined;
  if (tracking && config.organization && config.delegatedAdmin)
    pulumi.log.info(
      "tracking from a delegated administrator: where the stack set reaches this account too, it registers the types here a second time and forwards this account's events to the central bus as well, so each reaches the capture twice; the second finds the item current and records nothing",
    );

  // Before the rules: organization rules deploy to a member only once it records.
  const grants = { scoped: config.scopeTagKey !== undefined, tracking: config.tracking };
  const memberTracking = tracking?.memberTracking();
  const organization = facts
    ? new OrganizationSetup(
        named('organization'),
        {
          config,
          env,
          facts,
          memberActions: adapters.then((a) =>
            [
              ...new Set([...memberActions(config.rules, a, grants), ...(tracking ? memberCaptureActions() : [])]),
            ].sort(),
          ),
          ...(tracking && memberTracking
            ? {
                tracking: {
                  member: memberTracking,
                  ready: [...tracking.packages.ready, ...tracking.packages.packages.map((p) => p.object)],
                },
              }
            : {}),
          ...(membersRecord && delivery
            ? {
                memberRecorder: {
                  resourceTypes: types,
                  recordingFrequency: config.recordingFrequency,
                  snapshotFrequency: config.snapshotFrequency,
                  delivery,
                },
              }
            : {}),
        },
        child,
      )
    : undefined;

  const pack = new RulePack(
    named('rules'),
    {
      config,
      env,
      code: options.code ?? codeWhenNoneGiven().rules(config.tracking),
      adapters,
      ...(tracking ? { registrations: tracking.registrationsByAwsType() } : {}),
      // Only a recorder this program creates or changes: an adopted one is there already.
      ...(recorder ? { recorder: recorder.recorder } : extendedRecorder ? { recorder: extendedRecorder } : {}),
      ...(facts ? { organization: facts } : {}),
      ...(membersRecord && organization ? { memberRecorders: organization.stackSetInstance } : {}),
    },
    child,
  );
  if (config.organization && config.remediation !== 'off' && config.rules.some((r) => r.remediation)) {
    pulumi.log.warn("remediation configurations attach to this account's Config rules: organization rules get none");
  }

  const notifications = config.notifications
    ? new ComplianceNotifications(
        named('notifications'),
        {
          namePrefix: config.namePrefix,
          ruleNames: pack.rules.map((r) => r.name),
          organization: config.organization,
          notifications: config.notifications,
        },
        child,
      )
    : undefined;

  return {
    pack,
    recorderPlan: plan,
    ...(delivery ? { delivery } : {}),
    ...(recorder ? { recorder } : {}),
    ...(extendedRecorder ? { extendedRecorder } : {}),
    ...(organization ? { organization } : {}),
    ...(notifications ? { notifications } : {}),
    ...(tracking ? { tracking } : {}),
  };
}
