// What the deploy does about this Region's configuration recorder, decided before any resource
// exists from `createRecorder` and what the account already has (existing-recorder.ts). Config
// keeps one customer managed recorder and one delivery channel per account and Region
// (https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutDeliveryChannel.html), so the
// deploy never creates a second one:
//  - create: no customer managed recorder (or only this stack's own): recorder, delivery bucket,
//    channel and status, as recorder.ts builds them;
//  - adopt: another recorder exists: nothing is created, and the preview names the types the
//    selected rules need that it does not record, with the command that adds them;
//  - extend (createRecorder true): that recorder's recording group gains the missing types, with
//    its name, role, mode and strategy kept (extended-recorder.ts);
//  - skip (createRecorder false): the recorder is neither read nor changed.
// Service-linked recorders and Control Tower's recorder are never changed, whatever the setting.
import type { RecordingGroup } from '@aws-sdk/client-config-service';
import { typesToRecord } from '../rules/_core/recording.js';
import { groupWith, strategyOf, typesNotIn } from '../rules/_core/recording-group.js';
import { NAMESPACE, StackConfigError, type StackConfig } from './config.js';
import type { AccountRecording, ExistingRecorder, RecordingLookup } from './existing-recorder.js';
import { deliveryChannelNameOf, recorderNameOf, recorderRoleNameOf } from './recorder.js';

/** One line of the preview: `pulumi.log.info` or `pulumi.log.warn`. */
export interface RecorderNote {
  level: 'info' | 'warn';
  text: string;
}

/** The existing recorder as the extension writes it back: its own name, role and mode, a wider group. */
export interface ExtendedRecorderArgs {
  name: string;
  roleArn: string;
  recordingGroup: RecordingGroup;
  recordingMode?: ExistingRecorder['recorder']['recordingMode'];
}

export type RecorderPlan = { notes: RecorderNote[] } & (
  | { action: 'create' }
  | { action: 'adopt'; recorder: string }
  | { action: 'extend'; recorder: string; added: string[]; args: ExtendedRecorderArgs }
  | { action: 'skip' }
);

/**
 * Control Tower's recorder is `aws-controltower-BaselineConfigRecorder`
 * (https://docs.aws.amazon.com/controltower/latest/userguide/account-factory-considerations.html),
 * and its guidance is not to modify the resources it creates
 * (https://docs.aws.amazon.com/controltower/latest/userguide/getting-started-guidance.html).
 */
export const CONTROL_TOWER_PREFIX = 'aws-controltower-';

/** AWS's way to change what Control Tower's recorders record without drifting the landing zone. */
export const CONTROL_TOWER_CUSTOMIZATION =
  'https://aws.amazon.com/solutions/guidance/customizing-aws-config-resources-in-aws-control-tower/';

const KEY = `${NAMESPACE}:createRecorder`;
const info = (text: string): RecorderNote => ({ level: 'info', text });
const warn = (text: string): RecorderNote => ({ level: 'warn', text });
const list = (types: readonly string[]) => types.join(', ');

function describeGroup(group: RecordingGroup | undefined): string {
  switch (strategyOf(group)) {
    case 'INCLUSION_BY_RESOURCE_TYPES':
      return `records ${group?.resourceTypes?.length ?? 0} listed types`;
    case 'EXCLUSION_BY_RESOURCE_TYPES':
      return `records all supported types but ${group?.exclusionByResourceTypes?.resourceTypes?.length ?? 0}`;
    default:
      return 'records all supported types';
  }
}

/** A shell-quoted JSON argument. */
const quoted = (value: unknown) => `'${JSON.stringify(value).replaceAll("'", "'\\''")}'`;

/**
 * The AWS CLI line that gives the recorder `group`, keeping its name, role and recording mode
 * (https://docs.aws.amazon.com/config/latest/developerguide/select-resources-cli.html): the API
 * replaces the whole recorder, so everything it has is repeated.
 */
export function putRecorderCommand(existing: ExistingRecorder, group: RecordingGroup, region?: string): string {
  const { name, roleARN, recordingMode } = existing.recorder;
  const recorder = { name, ...(roleARN ? { roleARN } : {}), ...(recordingMode ? { recordingMode } : {}) };
  return [
    'aws configservice put-configuration-recorder',
    ...(region ? [`--region ${region}`] : []),
    `--configuration-recorder ${quoted(recorder)}`,
    `--recording-group ${quoted(group)}`,
  ].join(' ');
}

/** The group that records everything the recorder records now plus `types`, for a command line. */
function widened(existing: ExistingRecorder, types: readonly string[]): RecordingGroup {
  const group = existing.recorder.recordingGroup;
  return (
    groupWith(group, types) ?? {
      // An exclusion list that would end up empty: recording all supported types is the same set.
      allSupported: true,
      includeGlobalResourceTypes: group?.includeGlobalResourceTypes ?? false,
      recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
    }
  );
}

/**
 * Lines on the adopted recorder's state: stopped, or without a channel, it records nothing (Config
 * starts a recorder only once a delivery channel exists,
 * https://docs.aws.amazon.com/config/latest/APIReference/API_StartConfigurationRecorder.html).
 */
function stateNotes(existing: ExistingRecorder, account: AccountRecording): RecorderNote[] {
  const name = existing.recorder.name;
  const notes: RecorderNote[] = [];
  if (account.channels.length === 0)
    notes.push(
      warn(
        `recorder ${name} has no delivery channel, so Config cannot start it: create one (aws configservice put-delivery-channel, https://docs.aws.amazon.com/config/latest/APIReference/API_PutDeliveryChannel.html), then start the recorder`,
      ),
    );
  else if (!existing.recording)
    notes.push(
      warn(
        `recorder ${name} is stopped: the rules get no change notifications until it records (aws configservice start-configuration-recorder --configuration-recorder-name ${name})`,
      ),
    );
  else
    notes.push(
      info(
        `recorder ${name} is recording${existing.lastStatus ? ` (last status ${existing.lastStatus})` : ''} and delivers through channel ${account.channels[0]!.name}`,
      ),
    );
  return notes;
}

function serviceLinkedNotes(account: AccountRecording): RecorderNote[] {
  const notes = account.serviceLinked.map((s) =>
    info(
      `service-linked recorder ${s.name}${s.servicePrincipal ? ` (${s.servicePrincipal})` : ''} is left as it is: its service decides what it records, so the rules do not rely on it`,
    ),
  );
  if (account.serviceLinkedUnread)
    notes.push(
      info(
        `service-linked recorders were not listed (${account.serviceLinkedUnread}); the deploy never changes one either way`,
      ),
    );
  return notes;
}

/**
 * The namePrefix of a recorder this pack created (its name and its role's name both carry it), if
 * it is one: a stack whose namePrefix changed no longer knows its own recorder by name.
 */
function packPrefixOf(existing: ExistingRecorder): string | undefined {
  const prefix = /^(.*)recorder$/.exec(existing.recorder.name)?.[1];
  if (prefix === undefined) return undefined;
  return existing.recorder.roleARN?.endsWith(`:role/${recorderRoleNameOf(prefix)}`) ? prefix : undefined;
}

/** The decision for createRecorder auto or true, from what the account has. */
export function decideRecorder(config: StackConfig, account: AccountRecording): RecorderPlan {
  const needed = typesToRecord(config.rules);
  const notes = serviceLinkedNotes(account);
  const existing = account.customer;
  const own = recorderNameOf(config.namePrefix);
  const where = account.region ? ` in ${account.region}` : '';

  if (!existing || existing.recorder.name === own) {
    const channel = account.channels.find((c) => c.name !== deliveryChannelNameOf(config.namePrefix));
    if (!existing && channel)
      throw new StackConfigError(
        `${KEY}: delivery channel ${channel.name} exists${where} without a customer managed recorder, and Config allows one channel per Region: ` +
          'create the recorder yourself so that it uses this channel (aws configservice put-configuration-recorder, then start-configuration-recorder) and run the preview again to adopt it, or delete the channel',
      );
    notes.unshift(
      info(
        existing
          ? `recorder ${own} is this stack's own: the deploy keeps managing it, its delivery bucket and channel`
          : `no customer managed recorder${where}: the deploy creates ${own}, its delivery bucket and channel`,
      ),
    );
    if (config.organization && config.delegatedAdmin && config.memberRecorder === 'create')
      notes.push(
        warn(
          `${KEY}: a delegated administrator is a member account too; if the stack set deploys there, its recorder would be a second one: set ${KEY} false in that case`,
        ),
      );
    return { action: 'create', notes };
  }

  const name = existing.recorder.name;
  const group = existing.recorder.recordingGroup;
  const missing = typesNotIn(group, needed);
  const state = stateNotes(existing, account);
  const earlier = packPrefixOf(existing);
  if (earlier !== undefined)
    state.unshift(
      warn(
        `recorder ${name} was created by this pack with namePrefix "${earlier}": if this stack created it, pulumi up with namePrefix "${config.namePrefix}" deletes it and its delivery channel; set ${NAMESPACE}:namePrefix back to "${earlier}" to keep it`,
      ),
    );

  if (name.startsWith(CONTROL_TOWER_PREFIX)) {
    notes.unshift(
      info(
        `adopts Control Tower's recorder ${name} (${describeGroup(group)}) and never changes it, as Control Tower's guidance asks: no recorder, delivery channel or bucket is created`,
      ),
    );
    if (missing.length > 0)
      notes.push(
        warn(
          `Control Tower's recorder ${name} does not record ${list(missing)}, which the selected rules need: add them through Control Tower (${CONTROL_TOWER_CUSTOMIZATION}), not this deploy${config.createRecorder === true ? `; ${KEY} true does not change a Control Tower recorder` : ''}`,
        ),
      );
    return { action: 'adopt', recorder: name, notes: [...notes, ...state] };
  }

  const extension = groupWith(group, missing);
  // Config refuses a recorder without its role ARN, although the model does not require one
  // (https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorder.html, roleARN).
  const roleArn = existing.recorder.roleARN;
  if (config.createRecorder === true && missing.length > 0 && extension && roleArn) {
    notes.unshift(
      info(
        `extends recorder ${name} (${describeGroup(group)}) with ${list(missing)}, keeping its name, role, recording mode and strategy; pulumi destroy leaves it in place`,
      ),
    );
    return {
      action: 'extend',
      recorder: name,
      added: missing,
      args: {
        name,
        roleArn,
        recordingGroup: extension,
        ...(existing.recorder.recordingMode ? { recordingMode: existing.recorder.recordingMode } : {}),
      },
      notes: [...notes, ...state],
    };
  }

  notes.unshift(
    info(
      `adopts recorder ${name} (${describeGroup(group)}): no recorder, delivery channel or bucket is created${missing.length === 0 ? '; it records every type the selected rules need' : ''}`,
    ),
  );
  if (missing.length > 0) {
    const how =
      config.createRecorder === true
        ? `the deploy cannot add them itself (${extension ? 'the recorder has no role ARN' : 'its exclusion list would end up empty'})`
        : `or set ${KEY} true to let the deploy add them`;
    notes.push(
      warn(
        `recorder ${name} does not record ${list(missing)}, which the selected rules need: add them with ${putRecorderCommand(existing, widened(existing, missing), account.region)}${config.createRecorder === true ? `; ${how}` : `, ${how}`}`,
      ),
    );
  }
  return { action: 'adopt', recorder: name, notes: [...notes, ...state] };
}

/**
 * The plan for this stack. With createRecorder false no AWS call is made: the account's recorder
 * is not the deploy's business then, and `ml-config-rules doctor` checks it after the deploy.
 */
export async function planRecorder(config: StackConfig, lookup: RecordingLookup): Promise<RecorderPlan> {
  if (config.createRecorder === false)
    return {
      action: 'skip',
      notes: [
        info(
          `${KEY} is false: the deploy neither reads nor changes this Region's recorder; \`ml-config-rules doctor\` checks that it records the ${typesToRecord(config.rules).length} types the selected rules need`,
        ),
      ],
    };
  let account: AccountRecording;
  try {
    account = await lookup();
  } catch (error) {
    throw new StackConfigError(
      `${KEY}: ${config.createRecorder} reads this Region's recorder and delivery channel first, and that failed: ${(error as Error).message}. ` +
        `Grant config:DescribeConfigurationRecorders, config:DescribeConfigurationRecorderStatus, config:DescribeDeliveryChannels and config:ListConfigurationRecorders, or set ${KEY} false where the account already records`,
    );
  }
  return decideRecorder(config, account);
}
