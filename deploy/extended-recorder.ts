// An existing recorder the deploy did not create, given the types the selected rules need
// (`createRecorder: true`, recorder-plan.ts). The resource carries that recorder's own name, role,
// recording mode and a recording group that only gains types; the AWS provider creates it with
// PutConfigurationRecorder, which updates a recorder of that name in place
// (https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html; the
// provider's create and update are the same Put call,
// terraform-provider-aws internal/service/configservice/configuration_recorder.go).
// `retainOnDelete`: `pulumi destroy`, or a later preview that finds nothing missing, drops it from
// the stack without deleting the recorder (https://www.pulumi.com/docs/iac/concepts/options/retainondelete/).
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { ExtendedRecorderArgs } from './recorder-plan.js';

export function extendRecorder(
  args: ExtendedRecorderArgs,
  name = 'extended-recorder',
  opts: pulumi.CustomResourceOptions = {},
): aws.cfg.Recorder {
  const g = args.recordingGroup;
  const mode = args.recordingMode;
  // The API takes at most one recording mode override (RecordingMode, recordingModeOverrides).
  const override = mode?.recordingModeOverrides?.[0];
  return new aws.cfg.Recorder(
    name,
    {
      name: args.name,
      roleArn: args.roleArn,
      recordingGroup: {
        allSupported: g.allSupported ?? false,
        includeGlobalResourceTypes: g.includeGlobalResourceTypes ?? false,
        ...(g.resourceTypes ? { resourceTypes: g.resourceTypes } : {}),
        ...(g.exclusionByResourceTypes?.resourceTypes
          ? { exclusionByResourceTypes: [{ resourceTypes: g.exclusionByResourceTypes.resourceTypes }] }
          : {}),
        ...(g.recordingStrategy?.useOnly ? { recordingStrategies: [{ useOnly: g.recordingStrategy.useOnly }] } : {}),
      },
      ...(mode?.recordingFrequency
        ? {
            recordingMode: {
              recordingFrequency: mode.recordingFrequency,
              ...(override?.recordingFrequency && override.resourceTypes
                ? {
                    recordingModeOverride: {
                      ...(override.description ? { description: override.description } : {}),
                      recordingFrequency: override.recordingFrequency,
                      resourceTypes: override.resourceTypes,
                    },
                  }
                : {}),
            },
          }
        : {}),
    },
    { ...opts, retainOnDelete: true },
  );
}
