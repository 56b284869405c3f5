// The whole deploy from a validated stack configuration: the recorder (unless the account
// already records), the rule pack, organization mode and compliance notifications.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { bundledCode, type CodeFor } from './bundles.js';
import type { StackConfig } from './config.js';
import { ComplianceNotifications } from './notifications.js';
import { OrganizationSetup, organizationFacts } from './organization.js';
import { loadAdapterActions, memberActions } from './permissions.js';
import { ConfigRecorder } from './recorder.js';
import { remediationDocumentOf } from './remediation.js';
import { RulePack, type AccountEnv } from './rule-pack.js';

export interface DeployOptions {
  /** Each function's code; by default the rule's bundle, built into dist/ by this program. */
  code?: CodeFor;
}

export interface DeployedPack {
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

/** Resource types the selected rules read from Config (inventory types are not recordable). */
export function recordedTypes(config: StackConfig): string[] {
  return [...new Set(config.rules.filter((r) => r.source !== 'inventory').flatMap((r) => r.resourceTypes))].sort();
}

export function deployPack(config: StackConfig, options: DeployOptions = {}): DeployedPack {
  // Fail at preview, before any resource, when a rule names a document the deploy cannot grant.
  for (const rule of config.rules) remediationDocumentOf(rule);
  const env = accountEnv();
  const adapters = loadAdapterActions(config.rules);

  const types = recordedTypes(config);
  let recorder: ConfigRecorder | undefined;
  if (config.createRecorder && types.length > 0) {
    recorder = new ConfigRecorder('recorder', {
      namePrefix: config.namePrefix,
      accountId: env.accountId,
      partition: env.partition,
      region: env.region,
      resourceTypes: types,
      recordingFrequency: config.recordingFrequency,
      snapshotFrequency: config.snapshotFrequency,
      retainDeliveryBucket: config.retainDeliveryBucket,
      ...(config.deliveryTopicArn ? { deliveryTopicArn: config.deliveryTopicArn } : {}),
      ...(config.accessLogBucket ? { accessLogBucket: config.accessLogBucket } : {}),
    });
  } else if (config.createRecorder) {
    pulumi.log.info('the selected rules read no resource type Config records: no recorder is created');
  }

  const facts = config.organization ? organizationFacts(config, env) : undefined;
  const pack = new RulePack('rules', {
    config,
    env,
    code: options.code ?? bundledCode(),
    adapters,
    ...(recorder ? { recorder: recorder.recorder } : {}),
    ...(facts ? { organization: facts } : {}),
  });
  if (config.organization && config.remediation !== 'off' && config.rules.some((r) => r.remediation)) {
    pulumi.log.warn('remediation configurations attach to this account\'s Config rules: organization rules get none');
  }

  const organization = facts
    ? new OrganizationSetup('organization', {
        config,
        env,
        facts,
        evaluatorRoleArns: pack.rules.map((r) => r.role.arn),
        memberActions: adapters.then((a) => memberActions(config.rules, a, { scoped: config.scopeTagKey !== undefined })),
      })
    : undefined;

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
    ...(recorder ? { recorder } : {}),
    ...(organization ? { organization } : {}),
    ...(notifications ? { notifications } : {}),
  };
}
