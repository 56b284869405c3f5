// What a configuration recorder's recording group records, and the same group widened to record
// more types, read from the API's shape
// (https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html,
// https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingStrategy.html):
//  - ALL_SUPPORTED_RESOURCE_TYPES (`allSupported: true`): every supported type;
//  - INCLUSION_BY_RESOURCE_TYPES: only the listed types (a group older than recording strategies,
//    with `allSupported: false` and no strategy, is read the same way);
//  - EXCLUSION_BY_RESOURCE_TYPES: every supported type but the listed ones.
// `doctor`, `scan`, `history` and the deploy (an account that already records) all ask it.
import type { ConfigurationRecorder, RecordingGroup } from '@aws-sdk/client-config-service';

export type RecordingStrategyName =
  | 'ALL_SUPPORTED_RESOURCE_TYPES'
  | 'INCLUSION_BY_RESOURCE_TYPES'
  | 'EXCLUSION_BY_RESOURCE_TYPES';

/** The group's strategy. A recorder without a group records every supported type (the API's default). */
export function strategyOf(group: RecordingGroup | undefined): RecordingStrategyName {
  if (!group) return 'ALL_SUPPORTED_RESOURCE_TYPES';
  const useOnly = group.recordingStrategy?.useOnly;
  if (useOnly === 'EXCLUSION_BY_RESOURCE_TYPES') return useOnly;
  if (useOnly === 'INCLUSION_BY_RESOURCE_TYPES' || group.allSupported === false) return 'INCLUSION_BY_RESOURCE_TYPES';
  return 'ALL_SUPPORTED_RESOURCE_TYPES';
}

/** Does a recording group record the type? */
export function groupRecords(group: RecordingGroup | undefined, type: string): boolean {
  switch (strategyOf(group)) {
    case 'EXCLUSION_BY_RESOURCE_TYPES':
      return !((group?.exclusionByResourceTypes?.resourceTypes ?? []) as string[]).includes(type);
    case 'INCLUSION_BY_RESOURCE_TYPES':
      return ((group?.resourceTypes ?? []) as string[]).includes(type);
    default:
      return true;
  }
}

/** Does this recorder's recording group record the type? */
export function recorderRecords(recorder: ConfigurationRecorder, type: string): boolean {
  return groupRecords(recorder.recordingGroup, type);
}

/** The types of the list that the group does not record, in the list's order. */
export function typesNotIn(group: RecordingGroup | undefined, types: readonly string[]): string[] {
  return types.filter((t) => !groupRecords(group, t));
}

/**
 * The group changed as little as possible so that it also records `types`: the same strategy and
 * global-types setting; an inclusion list gains them, an exclusion list loses them, "all supported"
 * is returned as it is. Undefined when the change cannot keep the strategy: an exclusion list that
 * would end up empty (the API reference describes the exclusion strategy only with types to
 * exclude, and the emulator refuses an empty list), where recording all supported types is the
 * owner's call.
 */
export function groupWith(group: RecordingGroup | undefined, types: readonly string[]): RecordingGroup | undefined {
  const strategy = strategyOf(group);
  if (strategy === 'ALL_SUPPORTED_RESOURCE_TYPES') return group ?? { allSupported: true };
  if (strategy === 'INCLUSION_BY_RESOURCE_TYPES') {
    const listed = new Set<string>([...((group?.resourceTypes ?? []) as string[]), ...types]);
    return {
      allSupported: false,
      includeGlobalResourceTypes: group?.includeGlobalResourceTypes ?? false,
      resourceTypes: [...listed].sort() as RecordingGroup['resourceTypes'],
      recordingStrategy: { useOnly: strategy },
    };
  }
  const excluded = ((group?.exclusionByResourceTypes?.resourceTypes ?? []) as string[]).filter(
    (t) => !types.includes(t),
  );
  if (excluded.length === 0) return undefined;
  return {
    allSupported: false,
    includeGlobalResourceTypes: group?.includeGlobalResourceTypes ?? false,
    exclusionByResourceTypes: { resourceTypes: excluded as NonNullable<RecordingGroup['resourceTypes']> },
    recordingStrategy: { useOnly: strategy },
  };
}
