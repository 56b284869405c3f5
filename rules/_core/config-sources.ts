// Sources backed by AWS Config for a rule that runs on a schedule, and for the command: what a
// change needs (config-reads.ts), Config's inventory for recorded types, and the previous results
// of a periodic rule. Inventory adapters (SageMaker API) are loaded on demand, so a bundle loads
// the SageMaker client only when its scheduled run lists a type through one.
import {
  paginateGetComplianceDetailsByConfigRule,
  paginateListDiscoveredResources,
  type ConfigServiceClient,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import type { ClientOptions } from './clients.js';
import type { Sources } from './engine.js';
import type { ConfigItem } from './items.js';
import { batchGetItems, configReads } from './config-reads.js';
import { inventoryAdapterOf, type InventoryAdapter, type InventoryContext } from './inventory.js';
import { readsOf } from './reads.js';
import { scheduledTypesOf, typeSourceOf } from './recording.js';
import type { LookupKey, Rule } from './rule.js';
import { append } from './arrays.js';
import type { ResumePoint } from './continuation.js';
import { InvalidEventError } from './errors.js';
import type { EarlierResult } from './reporting.js';
import { positionAfter } from './resume-position.js';

export type InventoryLoaders = Record<string, () => Promise<InventoryAdapter>>;

export interface ConfigSourcesOptions {
  config: ConfigServiceClient;
  /** Adapters for the resource types Config does not record, by resource type. */
  inventory?: InventoryLoaders;
  /** Passed to inventory adapters: the account and credentials the run is for. */
  inventoryContext?: Record<string, unknown>;
  /** Credentials of the account the run is for (a member account's assumed role), for the adapters' clients. */
  credentials?: ClientOptions['credentials'];
}

export function configSources(options: ConfigSourcesOptions): Sources {
  const { config } = options;
  // Where a chained link would start after the last page yielded (continuation.ts); undefined
  // inside a listing that cannot be taken up mid-way (Config's inventory, the small listings).
  let position: ResumePoint | undefined;

  async function* listPages(
    rule: Rule,
    params: Record<string, unknown>,
    accountId: string | undefined,
    resume?: ResumePoint,
  ): AsyncGenerator<ConfigItem[]> {
    // A change rule's scheduled run lists only the types Config does not record (recording.ts).
    const types = scheduledTypesOf(rule);
    for (let typeIndex = resume?.typeIndex ?? 0; typeIndex < types.length; typeIndex++) {
      const resourceType = types[typeIndex]!;
      const load =
        typeSourceOf(rule, resourceType) === 'inventory'
          ? inventoryAdapterOf(options.inventory ?? {}, rule.id, resourceType)
          : undefined;
      position = undefined;
      if (!load) {
        yield* recordedPages(config, resourceType);
        continue;
      }
      const adapter = await load();
      // Only what this rule reads: a tag rule's run costs the listing and the tag pages.
      const context: InventoryContext = {
        params,
        accountId,
        reads: readsOf(rule, params),
        ...(rule.describeFields ? { describeFields: rule.describeFields } : {}),
        ...options.inventoryContext,
      };
      if (options.credentials)
        context.clientOptions = {
          ...(context.clientOptions as ClientOptions | undefined),
          credentials: options.credentials,
        };
      const from = resume?.typeIndex === typeIndex && resume.createdBefore ? resume : undefined;
      if (from && !adapter.resumable) throw new InvalidEventError(`${resourceType} cannot be listed from a position`);
      if (from?.createdBefore) context.resume = { createdBefore: from.createdBefore, doneAt: from.doneAt ?? [] };
      if (!adapter.pages) {
        yield await adapter.list(context);
        continue;
      }
      // A resumable listing can be taken up after any of its pages, from the oldest creation time seen.
      position = adapter.resumable
        ? { typeIndex, ...(from ? { createdBefore: from.createdBefore!, doneAt: from.doneAt ?? [] } : {}) }
        : undefined;
      for await (const page of adapter.pages(context)) {
        if (position) position = positionAfter(position, page);
        yield page;
      }
    }
    position = undefined;
  }

  return {
    ...configReads(config),

    listPages,

    resumePoint: () => position,

    async previouslyReported(configRuleName) {
      const keys: EarlierResult[] = [];
      const pages = paginateGetComplianceDetailsByConfigRule(
        { client: config, pageSize: 100 },
        { ConfigRuleName: configRuleName, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'] },
      );
      for await (const page of pages) {
        for (const r of page.EvaluationResults ?? []) {
          const q = r.EvaluationResultIdentifier?.EvaluationResultQualifier;
          if (!q?.ResourceType || !q.ResourceId) continue;
          const recordedAt = r.ResultRecordedTime?.toISOString();
          keys.push({ resourceType: q.ResourceType, resourceId: q.ResourceId, ...(recordedAt ? { recordedAt } : {}) });
        }
      }
      return keys;
    },
  };
}

/** Config's inventory of a recorded type: ListDiscoveredResources, then BatchGetResourceConfig by 100. */
export async function listRecorded(config: ConfigServiceClient, resourceType: string): Promise<ConfigItem[]> {
  const items: ConfigItem[] = [];
  for await (const page of recordedPages(config, resourceType)) append(items, page);
  return items;
}

/** The same, a page of items per page of ListDiscoveredResources (at most 100 each). */
export async function* recordedPages(config: ConfigServiceClient, resourceType: string): AsyncGenerator<ConfigItem[]> {
  const pages = paginateListDiscoveredResources(
    { client: config, pageSize: 100 },
    { resourceType: resourceType as ResourceType },
  );
  for await (const page of pages) {
    const keys: LookupKey[] = [];
    for (const r of page.resourceIdentifiers ?? []) {
      if (r.resourceId) keys.push({ resourceType, resourceId: r.resourceId });
    }
    // A page of none asks Config for nothing (batchGetItems sends no call for no keys).
    yield await batchGetItems(config, keys);
  }
}
