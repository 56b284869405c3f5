// What this account already has in the stack's Region, read with the AWS SDK when the program
// runs (preview and up), so that `createRecorder: auto` adopts an existing recorder instead of
// having Config refuse a second one. The decision itself is recorder-plan.ts; this module only reads.
//
// Config keeps one customer managed recorder and one delivery channel per account and Region
// (https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutDeliveryChannel.html), beside any
// number of service-linked recorders that other AWS services own
// (https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html):
//  - DescribeConfigurationRecorders without a name answers the customer managed recorder, with
//    its recording group and mode
//    (https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationRecorders.html);
//  - ListConfigurationRecorders lists every recorder, service-linked ones with their
//    `servicePrincipal` (https://docs.aws.amazon.com/config/latest/APIReference/API_ListConfigurationRecorders.html);
//  - DescribeConfigurationRecorderStatus says whether it records, DescribeDeliveryChannels where
//    it delivers.
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  paginateListConfigurationRecorders,
  type ConfigurationRecorder,
} from '@aws-sdk/client-config-service';
import * as pulumi from '@pulumi/pulumi';
import { errorText, nameFailedCalls } from '../cli/aws-errors.js';
import { clientConfig } from '../rules/_core/clients.js';

/**
 * Config names every service-linked recorder with this reserved prefix
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorder.html, `name`).
 */
export const SERVICE_LINKED_PREFIX = 'AWSConfigurationRecorderFor';

/** Whether a recorder is service-linked: it names its service principal, or carries the reserved prefix. */
export const isServiceLinked = (recorder: { name?: string | undefined; servicePrincipal?: string | undefined }) =>
  recorder.servicePrincipal !== undefined || (recorder.name ?? '').startsWith(SERVICE_LINKED_PREFIX);

export interface ExistingRecorder {
  /** The API's description: name, roleARN, recordingGroup, recordingMode. */
  recorder: ConfigurationRecorder & { name: string };
  /** DescribeConfigurationRecorderStatus: it is recording. */
  recording: boolean;
  /** Its last recording status (Pending, Success, Failure), when Config gave one. */
  lastStatus?: string;
}

export interface ServiceLinkedRecorder {
  name: string;
  servicePrincipal?: string;
}

export interface AccountRecording {
  /** The Region read, when the SDK knows it. */
  region?: string;
  /** The customer managed recorder, if the account has one in this Region. */
  customer?: ExistingRecorder;
  serviceLinked: ServiceLinkedRecorder[];
  /** ListConfigurationRecorders failed (why): service-linked recorders are unknown. */
  serviceLinkedUnread?: string;
  /** The delivery channel (at most one per Region). */
  channels: { name: string; s3BucketName?: string }[];
}

/** An account with no recorder and no channel. */
export const NOTHING_RECORDED: AccountRecording = { serviceLinked: [], channels: [] };

/** Reads this account's recording state in one Region; injectable, so the tests answer it. */
export type RecordingLookup = () => Promise<AccountRecording>;

/** The lookup failed: the message names the call and, for a denial, the action to grant. */
export class RecordingLookupError extends Error {
  override name = 'RecordingLookupError';
}

/** Read the recorders, their status and the delivery channel with one Config client. */
export async function readAccountRecording(config: ConfigServiceClient): Promise<AccountRecording> {
  let described: ConfigurationRecorder[];
  let statuses: { name?: string; recording?: boolean; lastStatus?: string }[];
  let channels: { name?: string; s3BucketName?: string }[];
  try {
    [described, statuses, channels] = await Promise.all([
      config.send(new DescribeConfigurationRecordersCommand({})).then((o) => o.ConfigurationRecorders ?? []),
      config.send(new DescribeConfigurationRecorderStatusCommand({})).then((o) => o.ConfigurationRecordersStatus ?? []),
      config.send(new DescribeDeliveryChannelsCommand({})).then((o) => o.DeliveryChannels ?? []),
    ]);
  } catch (error) {
    throw new RecordingLookupError(errorText(error));
  }

  const serviceLinked: ServiceLinkedRecorder[] = [];
  let serviceLinkedUnread: string | undefined;
  try {
    for await (const page of paginateListConfigurationRecorders({ client: config }, {}))
      for (const r of page.ConfigurationRecorderSummaries ?? [])
        if (r.name && isServiceLinked(r))
          serviceLinked.push({ name: r.name, ...(r.servicePrincipal ? { servicePrincipal: r.servicePrincipal } : {}) });
  } catch (error) {
    // Only a message depends on this list: a service-linked recorder is never modified either way.
    serviceLinkedUnread = errorText(error);
  }
  // Describe answers only the customer managed recorder; one that looks service-linked is kept apart all the same.
  for (const r of described)
    if (r.name && isServiceLinked(r) && !serviceLinked.some((s) => s.name === r.name))
      serviceLinked.push({ name: r.name, ...(r.servicePrincipal ? { servicePrincipal: r.servicePrincipal } : {}) });
  const own = described.find((r) => r.name && !isServiceLinked(r));
  const status = statuses.find((s) => s.name === own?.name);

  const region = await config.config.region().catch(() => undefined);
  return {
    ...(region ? { region } : {}),
    ...(own
      ? {
          customer: {
            recorder: own as ConfigurationRecorder & { name: string },
            recording: status?.recording === true,
            ...(status?.lastStatus ? { lastStatus: status.lastStatus } : {}),
          },
        }
      : {}),
    serviceLinked,
    ...(serviceLinkedUnread ? { serviceLinkedUnread } : {}),
    channels: channels
      .filter((c) => c.name)
      .map((c) => ({ name: c.name!, ...(c.s3BucketName ? { s3BucketName: c.s3BucketName } : {}) })),
  };
}

/** Where the stack deploys: the AWS provider's `aws:region` and `aws:profile`, when set. */
export interface ProviderSettings {
  region?: string;
  profile?: string;
}

/** The default AWS provider's region and profile, as the stack configures them. */
export function providerSettings(): ProviderSettings {
  const aws = new pulumi.Config('aws');
  const region = aws.get('region');
  const profile = aws.get('profile');
  return { ...(region ? { region } : {}), ...(profile ? { profile } : {}) };
}

/**
 * A Config client for the stack's account and Region: the provider's region and profile when the
 * stack sets them, otherwise the SDK's usual sources (AWS_REGION, AWS_PROFILE, the environment's
 * credentials, AWS_ENDPOINT_URL), as the Pulumi AWS provider reads them too.
 */
export function recordingClient(settings: ProviderSettings = providerSettings()): ConfigServiceClient {
  return nameFailedCalls(
    new ConfigServiceClient({
      ...clientConfig(settings.region ? { region: settings.region } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
    }),
  );
}

/** The lookup the program uses: the stack's account and Region, read once. */
export const stackRecordingLookup =
  (settings?: ProviderSettings): RecordingLookup =>
  () =>
    readAccountRecording(recordingClient(settings));
