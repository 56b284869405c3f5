import { readJsonFile, fixturesOf } from '../local/fixtures.js';
import { inputToEvent } from '../local/input.js';
import type { ConfigItem } from '../../rules/_core/items.js';
import { rules } from '../../rules/index.js';
import { UsageError, printJson } from '../output.js';
import { FIXTURES_DIR } from '../paths.js';

/** Every resource type some rule checks. */
export const checkedTypes = (): string[] => [...new Set(rules.flatMap((r) => r.resourceTypes))].sort();

/**
 * A starting configuration item for a type: the compliant fixture of a rule that checks it,
 * in event form. Fixtures are tested, so a sample is always a shape the rules accept.
 */
export function sampleItem(resourceType: string): ConfigItem | undefined {
  for (const rule of rules.filter((r) => r.resourceTypes.includes(resourceType))) {
    for (const f of fixturesOf(FIXTURES_DIR, rule.id).filter((x) => x.expected === 'COMPLIANT')) {
      const event = inputToEvent(readJsonFile(f.path));
      if (event.kind === 'change' && event.item.resourceType === resourceType) return event.item;
      const fromLookup = f.lookups.find((i) => i.resourceType === resourceType);
      if (fromLookup) return fromLookup;
    }
  }
  return undefined;
}

export function toEventForm(item: ConfigItem) {
  return {
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: item.configurationItemCaptureTime ?? new Date().toISOString(),
    configurationItemStatus: item.configurationItemStatus,
    awsAccountId: item.awsAccountId ?? '123456789012',
    awsRegion: item.awsRegion ?? 'us-east-1',
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    resourceName: item.resourceName ?? item.resourceId,
    ARN: item.arn,
    tags: item.tags,
    relationships: [],
    configuration: item.configuration,
    supplementaryConfiguration: item.supplementaryConfiguration,
  };
}

export function sampleCommand(resourceType: string) {
  const item = sampleItem(resourceType);
  if (!item) {
    throw new UsageError(`no sample for "${resourceType}" (known types: ${checkedTypes().join(', ')})`);
  }
  printJson(toEventForm(item));
}
