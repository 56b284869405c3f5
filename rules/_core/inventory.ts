// An inventory adapter lists resources Config does not record (SageMaker endpoints, training
// jobs, pipelines...) through their own API and returns configuration-item-shaped items:
// resourceType, resourceId = the resource's name, ARN, tags, configuration = the listing's
// summary, with the Describe output (and whatever else the rules read) merged over it.
// It fetches only what the rules it serves read (`context.reads`): a rule that needs only the
// tags costs a listing and the tag pages, not a Describe call per resource.
import type { ConfigItem } from './items.js';
import type { Read } from './rule.js';
import type { JsonObject } from './items.js';

export interface InventoryContext {
  /** The rule's validated parameters (e.g. lookbackDays). */
  params: Record<string, unknown>;
  accountId: string | undefined;
  /** What to fetch beyond the listing; absent means every read the adapter knows. */
  reads?: ReadonlySet<Read>;
  /**
   * Called when one read fails (its API is missing or denied): the items are returned without it
   * and only the rules that read it fail. Without it the failure ends the listing (a Lambda run).
   */
  onReadFailure?: (read: Read, error: unknown) => void;
  /**
   * Called with one sentence when a read found its source wrong and worked around it (tags that
   * GetResources left out, read with ListTags instead): the Lambda handler logs it as a warning,
   * `scan` prints it on stderr.
   */
  onWarning?: (message: string) => void;
  /**
   * A chained link's position in the listing (continuation.ts): list only what is created at or
   * before `createdBefore`, less the ids in `doneAt`. Only adapters marked `resumable` take it.
   */
  resume?: { createdBefore: string; doneAt?: readonly string[] };
  /** The Describe fields the rules read (reads.ts describeFieldsOf); absent: every field. */
  describeFields?: readonly string[];
  [key: string]: unknown;
}

/** The IAM actions of the listing and of each read the adapter can make. */
export type AdapterActions = { list: readonly string[] } & Partial<Record<Read, readonly string[]>>;

/** A listed resource as doctor's tag check needs it: its id and its ARN. */
export interface SampledResource {
  id: string;
  arn: string;
}

export interface InventoryAdapter {
  resourceType: string;
  /** The deploy grants the listing's actions plus those of each read a rule declares. */
  actions: AdapterActions;
  list(context: InventoryContext): Promise<ConfigItem[]>;
  /**
   * The listing is read newest first by CreationTime and its pages take `context.resume`: a
   * scheduled run may hand off to a chained link between two of its pages (continuation.ts).
   */
  resumable?: boolean;
  /**
   * The same items, a page at a time as the listing pages arrive, where the adapter can: a
   * scheduled run then holds one page, not the account (config-sources.ts).
   */
  pages?(context: InventoryContext): AsyncIterable<ConfigItem[]>;
  /**
   * Where its tags come from: the Tagging API type of its resources (rules/_inventory/tagging-
   * coverage.ts), and the first `max` resources of its List call, one call, for `doctor`'s check
   * that GetResources and ListTags agree on the type.
   */
  tagging?: { type: string; sample?(context: InventoryContext, max: number): Promise<SampledResource[]> };
}

/** The actions an adapter calls for these reads (reads it does not make add nothing). */
export function actionsFor(actions: AdapterActions, reads: Iterable<Read>): string[] {
  const out = new Set(actions.list);
  for (const read of reads) for (const action of actions[read] ?? []) out.add(action);
  return [...out];
}

/** Does this listing fetch that read? Without a `reads` set, every read is fetched. */
export function wants(context: InventoryContext, read: Read): boolean {
  return !context.reads || context.reads.has(read);
}

/**
 * Run one read of a listing. When the context can take a failure, a failed read is reported
 * there and yields undefined (the other reads and the listing stand); otherwise it throws.
 */
export async function optionalRead<T>(
  context: InventoryContext,
  read: Read,
  fetch: () => Promise<T>,
): Promise<T | undefined> {
  if (!wants(context, read)) return undefined;
  try {
    return await fetch();
  } catch (error) {
    if (!context.onReadFailure) throw error;
    context.onReadFailure(read, error);
    return undefined;
  }
}

/** Drop SDK metadata and turn Dates into ISO strings, so an inventory item is plain JSON like a Config item. */
export function toPlainJson<T>(value: T): JsonObject {
  const { $metadata: _ignored, ...rest } = value as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest));
}

/** The one wording for a rule whose resource type has no inventory adapter where one is looked up. */
export function noInventoryAdapter(ruleId: string, resourceType: string): string {
  return `rule ${ruleId} lists ${resourceType} through an inventory adapter, but there is none for that type`;
}

/** A type's entry in a table of adapters (loaders, modules, actions), or the error naming the rule and the type. */
export function inventoryAdapterOf<T>(table: Readonly<Record<string, T>>, ruleId: string, resourceType: string): T {
  const entry = table[resourceType];
  if (entry === undefined) throw new Error(noInventoryAdapter(ruleId, resourceType));
  return entry;
}
