// Applicability, decided before `evaluate` runs (the rules never see these cases).
import type { ConfigItem } from './items.js';
import { hasOwn, own } from './own.js';
import type { CommonParams } from './params.js';
import type { Rule } from './rule.js';
import { awsTypeOf } from '../_tracking/names.js';

const EVALUATED_STATUSES = new Set(['OK', 'ResourceDiscovered']);

/** Why an item is NOT_APPLICABLE to a rule, or undefined when the rule should evaluate it. */
export function notApplicableReason(
  rule: Rule,
  item: ConfigItem,
  params: CommonParams,
  eventLeftScope = false,
): string | undefined {
  if (eventLeftScope) return 'the resource left the rule scope';
  if (!EVALUATED_STATUSES.has(item.configurationItemStatus))
    return `configurationItemStatus is ${item.configurationItemStatus}`;
  // A type the pack records itself (MLConfigRules::SageMaker::TrainingJob) is the AWS type its rules name.
  if (!rule.resourceTypes.includes(awsTypeOf(item.resourceType)))
    return `rule ${rule.id} does not check ${item.resourceType}`;
  return outOfTagScope(item, params);
}

export function outOfTagScope(item: ConfigItem, params: CommonParams): string | undefined {
  const key = params.scopeTagKey;
  if (key === undefined) return undefined;
  // Own keys only: an untagged resource has no tag `constructor` (see own.ts).
  if (!hasOwn(item.tags, key)) return `no tag ${key} (scopeTagKey)`;
  const want = params.scopeTagValue;
  if (want !== undefined && own(item.tags, key) !== want) return `tag ${key} is not ${want} (scopeTagValue)`;
  return undefined;
}
