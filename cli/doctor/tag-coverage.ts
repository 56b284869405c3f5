// `doctor`, per SageMaker tagging type the deployed rules read tags of: do GetResources and
// SageMaker's ListTags agree here? AWS documents that GetResources supports all resource types
// but lists no SageMaker type by name (rules/_inventory/tagging-coverage.ts), so one account's
// answer is checked, cheaply: one List call of at most SAMPLE resources, one GetResources call
// for their ARNs, and ListTags for one of them (the first GetResources returned) or, when it
// returned none, for up to PROBES of them: the same test the functions make at run time.
// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTags.html
import { GetResourcesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { InventoryLoaders } from '../../rules/_core/config-sources.js';
import type { SampledResource } from '../../rules/_core/inventory.js';
import { readsOf } from '../../rules/_core/reads.js';
import { inventoryTypesOf } from '../../rules/_core/recording.js';
import { inventoryLoaders } from '../../rules/_inventory/index.js';
import { taggingTypeOfArn, tagSourceOf } from '../../rules/_inventory/tagging-coverage.js';
import { PROBES, spread, tagsOf, type Tags } from '../../rules/_inventory/tags.js';
import { guarded, type CheckRow } from './row.js';
import type { DeployedRule } from './rule-checks.js';
import { append } from '../../rules/_core/arrays.js';

/** Resources listed per type: one List call; ResourceARNList takes them in one GetResources call. */
export const SAMPLE = 10;

export interface TagCoverageClients {
  sagemaker: SageMakerClient;
  tagging: ResourceGroupsTaggingAPIClient;
}

interface TypeToCheck {
  type: string;
  rules: string[];
  sample: (max: number) => Promise<SampledResource[]>;
}

/** The deployed rule's parameters as Config holds them (the scope tag makes a rule read tags). */
function paramsOf(d: DeployedRule): Record<string, unknown> {
  try {
    const parsed = JSON.parse(d.configRule.InputParameters ?? '{}');
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** The tagging types whose tags the deployed rules read through an inventory adapter, with the rules. */
async function typesToCheck(
  deployed: readonly DeployedRule[],
  clients: TagCoverageClients,
  loaders: InventoryLoaders,
): Promise<TypeToCheck[]> {
  const byType = new Map<string, TypeToCheck>();
  for (const d of deployed) {
    if (!readsOf(d.rule, paramsOf(d)).has('tags')) continue;
    for (const resourceType of inventoryTypesOf(d.rule)) {
      const load = loaders[resourceType];
      const tagging = load ? (await load()).tagging : undefined;
      if (!tagging?.sample) continue;
      const sample = tagging.sample;
      const entry = byType.get(tagging.type) ?? {
        type: tagging.type,
        rules: [],
        sample: (max: number) => sample({ params: {}, accountId: undefined, sagemaker: clients.sagemaker }, max),
      };
      if (!entry.rules.includes(d.rule.id)) entry.rules.push(d.rule.id);
      byType.set(tagging.type, entry);
    }
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}

export async function tagCoverageRows(
  deployed: readonly DeployedRule[],
  clients: TagCoverageClients,
  target: (name: string) => string,
  loaders: InventoryLoaders = inventoryLoaders,
): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  for (const check of await typesToCheck(deployed, clients, loaders))
    append(
      rows,
      await guarded('tag-coverage', target(check.type), async () => [await typeRow(check, clients, target)]),
    );
  return rows;
}

const count = (tags: Tags) => `${Object.keys(tags).length} tag${Object.keys(tags).length === 1 ? '' : 's'}`;
const FALLBACK =
  'the functions read the tags of what GetResources leaves out with ListTags (one call each) and log a warning';

async function typeRow(check: TypeToCheck, clients: TagCoverageClients, target: (n: string) => string) {
  const row = (status: CheckRow['status'], detail: string): CheckRow => ({
    check: 'tag-coverage',
    target: target(check.type),
    status,
    detail,
  });
  if (tagSourceOf(check.type) === 'listTags')
    return row('ok', 'read with ListTags, one call per resource (the coverage table names no GetResources coverage)');
  const listed = (await check.sample(SAMPLE)).filter((r) => r.arn !== '');
  if (listed.length === 0)
    return row('ok', `nothing to compare: no ${check.type} resource here (run doctor again once there is one)`);
  const answer = await getResourcesFor(clients.tagging, check.type, listed);
  const returned = listed.find((r) => answer.has(r.arn.toLowerCase()));
  if (returned) {
    const viaTagging = answer.get(returned.arn.toLowerCase())!;
    const viaListTags = await tagsOf(clients.sagemaker, returned.arn);
    const differ = differences(viaTagging, viaListTags);
    if (differ.length === 0)
      return row('ok', `GetResources and ListTags agree on ${returned.id} (${count(viaListTags)})`);
    return row(
      'warn',
      `GetResources and ListTags differ on ${returned.id}: ${differ.join('; ')}. ` +
        'The functions read GetResources for this type; a recent change may not have reached it yet (run doctor again later)',
    );
  }
  // GetResources returned none of them: untagged, or a type it does not cover. ListTags tells.
  const probed = spread(listed, PROBES);
  for (const r of probed) {
    const tags = await tagsOf(clients.sagemaker, r.arn);
    if (Object.keys(tags).length > 0)
      return row(
        'warn',
        `GetResources did not return ${r.id}, which ListTags shows with ${count(tags)}: it does not cover ${check.type} here; ${FALLBACK}`,
      );
  }
  return row(
    'ok',
    `no tags either way on the ${probed.length} checked (${probed.map((r) => r.id).join(', ')}): tag one to compare`,
  );
}

/** GetResources for these ARNs (one call: ResourceARNList takes no paging), kept to the type, by lower-cased ARN. */
async function getResourcesFor(
  tagging: ResourceGroupsTaggingAPIClient,
  type: string,
  listed: readonly SampledResource[],
): Promise<Map<string, Tags>> {
  const out = await tagging.send(new GetResourcesCommand({ ResourceARNList: listed.map((r) => r.arn) }));
  const byArn = new Map<string, Tags>();
  for (const r of out.ResourceTagMappingList ?? []) {
    if (!r.ResourceARN || taggingTypeOfArn(r.ResourceARN) !== type) continue;
    byArn.set(
      r.ResourceARN.toLowerCase(),
      Object.fromEntries((r.Tags ?? []).filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? ''])),
    );
  }
  return byArn;
}

/** What differs between two tag maps, one phrase per key. */
function differences(viaTagging: Tags, viaListTags: Tags): string[] {
  const keys = [...new Set([...Object.keys(viaTagging), ...Object.keys(viaListTags)])].sort();
  const out: string[] = [];
  for (const key of keys) {
    const a = viaTagging[key];
    const b = viaListTags[key];
    if (a === b) continue;
    if (a === undefined) out.push(`${key} only through ListTags`);
    else if (b === undefined) out.push(`${key} only through GetResources`);
    else out.push(`${key} is ${JSON.stringify(a)} through GetResources, ${JSON.stringify(b)} through ListTags`);
  }
  return out;
}
