// What the local runner accepts as input: a full Config Lambda event, its parsed invokingEvent,
// a bare configuration item (event form, API form or inventory form), or a
// GetResourceConfigHistory / BatchGetResourceConfig response holding one item.
import { InvalidEventError } from '../../rules/_core/errors.js';
import { looksLikeEvent, parseEvent, type ParsedEvent } from '../../rules/_core/event.js';
import { looksLikeItem, normaliseItem, type JsonObject } from '../../rules/_core/items.js';

export function inputToEvent(value: unknown): ParsedEvent {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidEventError('input must be a JSON object: a Config rule event or a configuration item');
  }
  const v = value as JsonObject;
  if (looksLikeEvent(v)) return parseEvent(v);
  if (typeof v.messageType === 'string') return parseEvent({ invokingEvent: JSON.stringify(v) });
  const listed = v.configurationItems ?? v.baseConfigurationItems;
  if (Array.isArray(listed)) {
    if (listed.length !== 1)
      throw new InvalidEventError(`the API response holds ${listed.length} items; give one item`);
    return { kind: 'change', item: normaliseItem(listed[0]), ruleParameters: {}, eventLeftScope: false };
  }
  if (looksLikeItem(v)) return { kind: 'change', item: normaliseItem(v), ruleParameters: {}, eventLeftScope: false };
  throw new InvalidEventError(
    'input is neither a Config rule event (invokingEvent) nor a configuration item (resourceType, resourceId)',
  );
}
