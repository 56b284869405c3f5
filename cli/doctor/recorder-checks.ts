// `doctor`, account level: the recorder (exists, records, records every type the deployed rules
// evaluate or look up) and the delivery channel (exists, last delivery succeeded).
// https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationRecorderStatus.html
// https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeDeliveryChannelStatus.html
import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
  type ConfigExportDeliveryInfo,
  type ConfigServiceClient,
} from '@aws-sdk/client-config-service';
import { typeSourceOf, typesNotRecorded, typesToRecord } from '../../rules/_core/recording.js';
import { recorderRecords } from '../../rules/_core/recording-group.js';
import type { Rule } from '../../rules/_core/rule.js';
import type { CheckRow } from './row.js';

/** Which rules need a type recorded, and why, for the row's sentence. */
function needers(rules: readonly Rule[], type: string): string {
  const looks = rules.filter((r) => r.lookupTypes?.includes(type)).map((r) => `${r.id} looks up`);
  const evaluates = rules
    .filter((r) => r.resourceTypes.includes(type) && typeSourceOf(r, type) === 'config')
    .map((r) => `${r.id} evaluates`);
  const all = [...evaluates, ...looks];
  return all.length <= 2 ? all.join(' and ') : `${all.slice(0, 2).join(', ')} and ${all.length - 2} more rules use`;
}

export async function recorderChecks(
  config: ConfigServiceClient,
  rules: readonly Rule[],
  target: (name: string) => string,
): Promise<CheckRow[]> {
  const [described, status] = await Promise.all([
    config.send(new DescribeConfigurationRecordersCommand({})),
    config.send(new DescribeConfigurationRecorderStatusCommand({})),
  ]);
  const recorders = described.ConfigurationRecorders ?? [];
  if (recorders.length === 0) {
    return [
      {
        check: 'recorder',
        target: target('configuration recorder'),
        status: 'fail',
        detail:
          'there is no configuration recorder: deploy with createRecorder auto (the default) or true, or create and start one',
      },
    ];
  }
  const rows: CheckRow[] = [];
  for (const recorder of recorders) {
    const name = recorder.name ?? 'default';
    const s = (status.ConfigurationRecordersStatus ?? []).find((x) => x.name === recorder.name);
    if (!s?.recording) {
      rows.push({
        check: 'recorder',
        target: target(name),
        status: 'fail',
        detail: `recorder ${name} is stopped: start it (aws configservice start-configuration-recorder --configuration-recorder-name ${name})`,
      });
    } else if (s.lastStatus === 'Failure') {
      rows.push({
        check: 'recorder',
        target: target(name),
        status: 'fail',
        detail: `recorder ${name} last failed with ${s.lastErrorCode ?? 'an error'}: ${s.lastErrorMessage ?? 'no message'}; fix its role or delivery channel`,
      });
    } else {
      rows.push({
        check: 'recorder',
        target: target(name),
        status: 'ok',
        detail: `recorder ${name} is recording (last status ${s.lastStatus ?? 'unknown'})`,
      });
    }
    const needed = typesToRecord(rules);
    const missing = needed.filter((t) => !recorderRecords(recorder, t));
    for (const type of missing) {
      rows.push({
        check: 'recorder-types',
        target: target(type),
        status: 'fail',
        detail: `the recorder does not record ${type}, which ${needers(rules, type)}: add it to the recording group`,
      });
    }
    if (missing.length === 0) {
      rows.push({
        check: 'recorder-types',
        target: target(name),
        status: 'ok',
        detail: `records all ${needed.length} types the deployed rules evaluate or look up`,
      });
    }
  }
  // Types the pack never asks a recorder for (the table of recordable types): not a fault.
  const unrecorded = typesNotRecorded(rules);
  if (unrecorded.length > 0)
    rows.push({
      check: 'recorder-types',
      target: target('types Config does not record'),
      status: 'ok',
      detail: `${unrecorded.join(', ')}: not asked of the recorder; the rules list them through the SageMaker API on a schedule`,
    });
  return rows;
}

function deliveryProblem(kind: string, info: ConfigExportDeliveryInfo | undefined): string | undefined {
  if (info?.lastStatus !== 'Failure') return undefined;
  return `the last ${kind} delivery failed with ${info.lastErrorCode ?? 'an error'}: ${info.lastErrorMessage ?? 'no message'}`;
}

export async function deliveryChannelChecks(
  config: ConfigServiceClient,
  target: (name: string) => string,
): Promise<CheckRow[]> {
  const channels = (await config.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? [];
  if (channels.length === 0) {
    return [
      {
        check: 'delivery-channel',
        target: target('delivery channel'),
        status: 'fail',
        detail:
          'there is no delivery channel, so the recorder cannot record: deploy with createRecorder auto (the default) or true, or create one',
      },
    ];
  }
  const statuses = (await config.send(new DescribeDeliveryChannelStatusCommand({}))).DeliveryChannelsStatus ?? [];
  return channels.map((channel): CheckRow => {
    const name = channel.name ?? 'default';
    const s = statuses.find((x) => x.name === channel.name);
    const problems = [
      deliveryProblem('configuration history', s?.configHistoryDeliveryInfo),
      deliveryProblem('snapshot', s?.configSnapshotDeliveryInfo),
    ].filter(Boolean);
    if (problems.length > 0) {
      return {
        check: 'delivery-channel',
        target: target(name),
        status: 'fail',
        detail: `${problems.join('; ')}: check bucket ${channel.s3BucketName ?? '?'} policy and the recorder role`,
      };
    }
    const last = s?.configHistoryDeliveryInfo?.lastSuccessfulTime ?? s?.configSnapshotDeliveryInfo?.lastSuccessfulTime;
    return last
      ? {
          check: 'delivery-channel',
          target: target(name),
          status: 'ok',
          detail: `delivers to bucket ${channel.s3BucketName}; last success ${last.toISOString()}`,
        }
      : {
          check: 'delivery-channel',
          target: target(name),
          status: 'warn',
          detail: `delivers to bucket ${channel.s3BucketName}, but nothing was delivered yet: look again after the first recorded change`,
        };
  });
}
