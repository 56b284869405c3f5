// The Config Lambda event, parsed once: `invokingEvent` and `ruleParameters` are JSON strings.
import { assertDepth } from './depth.js';
import { InvalidEventError, UnsupportedEventError } from './errors.js';
import { captureTime, checkResourceKey, normaliseItem, toIsoTime, type ConfigItem, type JsonObject } from './items.js';
import { parseRuleParametersString, type RawParams } from './params.js';

export const MESSAGE_TYPES = [
  'ConfigurationItemChangeNotification',
  'OversizedConfigurationItemChangeNotification',
  'ScheduledNotification',
  'ConfigurationSnapshotDeliveryCompleted',
] as const;

export interface EventCommon {
  ruleParameters: RawParams;
  resultToken?: string;
  eventLeftScope: boolean;
  /** The account the event is about (the member account in an organization rule). */
  accountId?: string;
  configRuleName?: string;
}

export interface OversizedSummary {
  resourceType: string;
  resourceId: string;
  configurationItemCaptureTime: string;
  configurationItemStatus: string;
}

export type ParsedEvent = EventCommon &
  (
    | { kind: 'change'; item: ConfigItem }
    | { kind: 'oversized'; summary: OversizedSummary }
    | { kind: 'scheduled'; notificationCreationTime: string }
    | { kind: 'snapshot' }
  );

/** True when the value is a Config rule event rather than a bare configuration item. */
export function looksLikeEvent(value: JsonObject): boolean {
  return 'invokingEvent' in value;
}

function parseInvokingEvent(value: unknown): JsonObject {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    assertDepth(value, 'invokingEvent');
    return value as JsonObject;
  }
  if (typeof value !== 'string' || value === '') throw new InvalidEventError('invokingEvent must be a JSON string');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // fall through to the error below
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    assertDepth(parsed, 'invokingEvent');
    return parsed as JsonObject;
  }
  throw new InvalidEventError('invokingEvent is not a JSON object string');
}

export function parseEvent(event: unknown): ParsedEvent {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new InvalidEventError('a Config rule event must be a JSON object');
  }
  const e = event as JsonObject;
  const invoking = parseInvokingEvent(e.invokingEvent);
  const account = e.accountId ?? invoking.awsAccountId;
  // One object shape for every event keeps this hot path monomorphic.
  const common: EventCommon = {
    ruleParameters: parseRuleParametersString(e.ruleParameters),
    eventLeftScope: e.eventLeftScope === true || e.eventLeftScope === 'true',
    resultToken: typeof e.resultToken === 'string' ? e.resultToken : undefined,
    accountId: account === undefined || account === null ? undefined : String(account),
    configRuleName: typeof e.configRuleName === 'string' ? e.configRuleName : undefined,
  };

  const messageType = invoking.messageType;
  switch (messageType) {
    case 'ConfigurationItemChangeNotification': {
      if (!invoking.configurationItem) {
        throw new InvalidEventError('ConfigurationItemChangeNotification without configurationItem');
      }
      const change = common as ParsedEvent & { kind: 'change' };
      change.kind = 'change';
      change.item = normaliseItem(invoking.configurationItem);
      return change;
    }
    case 'OversizedConfigurationItemChangeNotification': {
      const s = invoking.configurationItemSummary;
      if (!s || typeof s.resourceType !== 'string' || typeof s.resourceId !== 'string') {
        throw new InvalidEventError(
          'OversizedConfigurationItemChangeNotification without configurationItemSummary.resourceType/resourceId',
        );
      }
      checkResourceKey(s.resourceType, s.resourceId);
      const capture = captureTime(
        s.configurationItemCaptureTime,
        'configurationItemSummary.configurationItemCaptureTime',
      );
      if (!capture) throw new InvalidEventError('configurationItemSummary has no configurationItemCaptureTime');
      return {
        ...common,
        kind: 'oversized',
        summary: {
          resourceType: s.resourceType,
          resourceId: s.resourceId,
          configurationItemCaptureTime: capture,
          configurationItemStatus: s.configurationItemStatus ?? 'OK',
        },
      };
    }
    case 'ScheduledNotification': {
      const created = toIsoTime(invoking.notificationCreationTime, 'notificationCreationTime');
      if (!created) throw new InvalidEventError('ScheduledNotification without notificationCreationTime');
      return { ...common, kind: 'scheduled', notificationCreationTime: created };
    }
    case 'ConfigurationSnapshotDeliveryCompleted':
      return { ...common, kind: 'snapshot' };
    default:
      throw new UnsupportedEventError(
        `messageType ${JSON.stringify(messageType)} is not supported (expected one of ${MESSAGE_TYPES.join(', ')})`,
      );
  }
}
