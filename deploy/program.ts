// The whole deploy from a validated stack configuration: the recorder (unless the account
// already records), the rule pack, organization mode and compliance notifications.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { bundledCode, type CodeFor } from './bundles.js';
import { typesToRecord } from '../rules/_core/recording.js';
import type { StackConfig } from './config.js';
import { DeliveryBucket } from './delivery-bucket.js';
import { ComplianceNotifications } from './notifications.js';
import { memberRecorderRoleName, OrganizationSetup, organizationFacts } from './organization.js';
import { loadAdapterActions, memberActions } from './permissions.js';
import { ConfigRecorder } from './recorder.js';
import { remediationDocumentOf } from './remediation.js';
import { RulePack, type AccountEnv } from './rule-pack.js';

export interface DeployOptions {
  /** Each function's code; by default the rule's bundle, built into dist/ by this program. */
  code?: CodeFor;
}

export interface DeployedPack {
  delivery?: DeliveryBucket;
  recorder?: ConfigRecorder;
  pack: RulePack;
  organization?: OrganizationSetup;
  notifications?: ComplianceNotifications;
}

export function accountEnv(): AccountEnv {
  return {
    accountId: aws.getCallerIdentityOutput().accountId,
    partition: aws.getPartitionOutput().partition,
    region: aws.getRegionOutput().region,
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
  // Fail at preview, before any resource, when a rule names a document the deploy cannot grant.
  for (const rule of config.rules) remediationDocumentOf(rule);
  const env = accountEnv();
  const adapters = loadAdapterActions(config.rules);
  const types = recordedTypes(config);
  const facts = config.organization ? organizationFacts(config, env) : undefined;
  const membersRecord = config.organization && config.memberRecorder === 'create';

  // One delivery bucket for this account's recorder and the member recorders.
  const delivery =
    config.createRecorder || membersRecord
      ? new DeliveryBucket('recorder', {
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
        })
      : undefined;
  const recorder =
    config.createRecorder && delivery
      ? new ConfigRecorder('recorder', {
          namePrefix: config.namePrefix,
          accountId: env.accountId,
          partition: env.partition,
          region: env.region,
          resourceTypes: types,
          recordingFrequency: config.recordingFrequency,
          snapshotFrequency: config.snapshotFrequency,
          delivery,
          ...(config.deliveryTopicArn ? { deliveryTopicArn: config.deliveryTopicArn } : {}),
        })
      : undefined;

  // Before the rules: organization rules deploy to a member only once it records.
  const organization = facts
    ? new OrganizationSetup('organization', {
        config,
        env,
        facts,
        memberActions: adapters.then((a) =>
          memberActions(config.rules, a, { scoped: config.scopeTagKey !== undefined }),
        ),
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
      })
    : undefined;

  const pack = new RulePack('rules', {
    config,
    env,
    code: options.code ?? bundledCode(),
    adapters,
    ...(recorder ? { recorder: recorder.recorder } : {}),
    ...(facts ? { organization: facts } : {}),
    ...(membersRecord && organization ? { memberRecorders: organization.stackSetInstance } : {}),
  });
  if (config.organization && config.remediation !== 'off' && config.rules.some((r) => r.remediation)) {
    pulumi.log.warn("remediation configurations attach to this account's Config rules: organization rules get none");
  }

  const notifications = config.notifications
    ? new ComplianceNotifications('notifications', {
        namePrefix: config.namePrefix,
        ruleNames: pack.rules.map((r) => r.name),
        organization: config.organization,
        notifications: config.notifications,
      })
    : undefined;

  return {
    pack,
    ...(delivery ? { delivery } : {}),
    ...(recorder ? { recorder } : {}),
    ...(organization ? { organization } : {}),
    ...(notifications ? { notifications } : {}),
  };
}
