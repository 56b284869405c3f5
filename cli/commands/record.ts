// `ml-config-rules record TYPE ID --rule R --as VERDICT.CASE`: the resource's current
// configuration item, scrubbed, written as a fixture of the rule. The item comes from Config
// (GetResourceConfigHistory, API form, as Config hands it to the rule); for a rule that lists
// through an inventory adapter, from that adapter; and for a recorded type Config has no item of
// (no recorder), from the direct adapter that `scan` uses. The written fixture is evaluated
// before it is kept, so `ml-config-rules test --rule R` passes on it.
import { GetResourceConfigHistoryCommand, type ResourceType } from '@aws-sdk/client-config-service';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { evaluateEvent, paramsFor } from '../../rules/_core/engine.js';
import type { Evaluation } from '../../rules/_core/evaluations.js';
import { EXPECTED_FILE } from '../local/expected.js';
import { isFixtureName, readJsonFile, VERDICT_PREFIXES } from '../local/fixtures.js';
import { inputToEvent } from '../local/input.js';
import { normaliseItem, type ConfigItem, type JsonObject } from '../../rules/_core/items.js';
import { localSources } from '../local/sources.js';
import type { RawParams } from '../../rules/_core/params.js';
import { typeSourceOf } from '../../rules/_core/recording.js';
import type { LookupKey, Rule } from '../../rules/_core/rule.js';
import { directLoaders } from '../direct/index.js';
import { noInventoryAdapter } from '../../rules/_core/inventory.js';
import { inventoryLoaders } from '../../rules/_inventory/index.js';
import { isUnreadableAnswer } from '../aws-errors.js';
import { accountIdOf, defaultRegion, regionClients, type RegionClients } from '../live-sources.js';
import { UsageError } from '../output.js';
import { FIXTURES_DIR } from '../paths.js';
import { findSurvivingSecret, Scrubber, UnsafeFixtureError, type ScrubReport } from '../scrub.js';
import { parseParamsOption, requireRule } from './evaluate.js';
import { toEventForm } from './sample.js';

/** A fetched item: the JSON to write (API form from Config, event form otherwise) and its source. */
export interface Recorded {
  json: JsonObject;
  item: ConfigItem;
  source: string;
}

/** Dates become ISO strings and SDK metadata goes: the item as the API's JSON carried it. */
const plain = (value: unknown): JsonObject =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === '$metadata' ? undefined : v)));

function adapterContext(clients: RegionClients, accountId: string | undefined, params: Record<string, unknown>) {
  return {
    params,
    accountId,
    sagemaker: clients.sagemaker,
    tagging: clients.tagging,
    s3: clients.s3,
    region: clients.region,
  };
}

/** The current item of a resource, from where the rule's runtime would read it. */
export async function fetchItem(
  rule: Rule,
  resourceType: string,
  resourceId: string,
  clients: RegionClients,
  params: Record<string, unknown>,
): Promise<Recorded> {
  const accountId = await accountIdOf(clients);
  if (typeSourceOf(rule, resourceType) === 'inventory') {
    const load = inventoryLoaders[resourceType];
    if (!load) throw new UsageError(noInventoryAdapter(rule.id, resourceType));
    const item = (await (await load()).list(adapterContext(clients, accountId, params))).find(
      (i) => i.resourceId === resourceId,
    );
    if (!item)
      throw new UsageError(
        `${resourceType} ${resourceId} not found in ${clients.region} (listed through the SageMaker API)`,
      );
    return { json: toEventForm(item), item, source: 'SageMaker API (inventory adapter)' };
  }
  // Without a Config item (not recorded, or an answer the SDK cannot read, as the local emulator's
  // S3 items), the current state comes from the service API, shaped like Config's item.
  let why = 'no Config item';
  try {
    const out = await clients.config.send(
      new GetResourceConfigHistoryCommand({ resourceType: resourceType as ResourceType, resourceId, limit: 1 }),
    );
    const first = out.configurationItems?.[0];
    if (first) {
      const json = plain(first);
      return { json: { configurationItems: [json] }, item: normaliseItem(json), source: 'AWS Config' };
    }
  } catch (error) {
    if (isUnreadableAnswer(error))
      why = `Config's item could not be read: ${String((error as Error).message).split('\n')[0]}`;
    else if ((error as Error).name !== 'ResourceNotDiscoveredException') throw error;
  }
  const load = directLoaders[resourceType];
  if (!load)
    throw new UsageError(
      `AWS Config has no item of ${resourceType} ${resourceId} in ${clients.region}, and no direct API adapter reads that type`,
    );
  const item = await (await load()).get(adapterContext(clients, accountId, params), resourceId);
  if (!item)
    throw new UsageError(
      `${resourceType} ${resourceId} not found in ${clients.region} (neither AWS Config nor the service API knows it)`,
    );
  return {
    json: toEventForm(item),
    item,
    source: `${resourceType.startsWith('AWS::S3::') ? 'S3' : 'SageMaker'} API (${why})`,
  };
}

/** Items the rule's lookups ask for, from Config or the direct adapters. */
async function fetchLookups(keys: LookupKey[], clients: RegionClients, rule: Rule): Promise<Recorded[]> {
  const found: Recorded[] = [];
  for (const k of keys) {
    try {
      found.push(await fetchItem({ ...rule, source: 'config' }, k.resourceType, k.resourceId, clients, {}));
    } catch (error) {
      // A resource the lookup cannot find is what the rule then judges: not an error here.
      if (!(error instanceof UsageError)) throw error;
    }
  }
  return found;
}

const shortType = (t: string) =>
  t
    .replace(/^AWS::/, '')
    .replace(/::/g, '-')
    .toLowerCase();
const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

export interface RecordOptions {
  rule: string;
  as: string;
  params?: string;
  region?: string;
  /** The fixtures root (default: the pack's fixtures folder). */
  dir?: string;
  force?: boolean;
}

export interface RecordResult {
  file: string;
  verdict: string;
  annotation?: string;
  lookups: string[];
  source: string;
  scrubbed: ScrubReport;
}

export async function record(
  resourceType: string,
  resourceId: string,
  options: RecordOptions,
  clientsFor = regionClients,
): Promise<RecordResult> {
  const rule = requireRule(options.rule);
  const file = `${options.as}.json`;
  if (!isFixtureName(file)) {
    throw new UsageError(
      `--as ${options.as}: expected VERDICT.CASE, VERDICT one of ${Object.keys(VERDICT_PREFIXES).join(', ')}, CASE lowercase-dashed (e.g. non-compliant.no-kms-key)`,
    );
  }
  if (!rule.resourceTypes.includes(resourceType)) {
    throw new UsageError(`rule ${rule.id} does not check ${resourceType} (it checks ${rule.resourceTypes.join(', ')})`);
  }
  const expected = VERDICT_PREFIXES[options.as.split('.')[0]!]!;
  const rawParams: RawParams = parseParamsOption(options.params, rule.id);
  const params = paramsFor(rule, rawParams);
  const root = options.dir ?? FIXTURES_DIR;
  const dir = join(root, rule.id);
  const path = join(dir, file);
  if (existsSync(path) && !options.force)
    throw new UsageError(`${relative(process.cwd(), path)} exists (pass --force to replace it)`);

  const clients = clientsFor(options.region ?? (await defaultRegion()));
  const recorded = await fetchItem(rule, resourceType, resourceId, clients, params);
  const lookups = rule.lookups ? await fetchLookups(rule.lookups(recorded.item, params), clients, rule) : [];

  // Parameters are scrubbed with the item (a KMS key ARN names the account), so they still match it.
  const originals: JsonObject[] = [rawParams as JsonObject, recorded.json, ...lookups.map((l) => l.json)];
  const roots = ['--params', '', ...lookups.map((_l, i) => `lookup[${i}]`)];
  const scrubber = new Scrubber(recorded.item.awsAccountId);
  for (const v of originals) scrubber.learn(v);
  const scrubbedValues = originals.map((v, i) => scrubber.scrub(v, { path: roots[i]! }));
  const [fixtureParams, fixture, ...lookupJson] = scrubbedValues;

  // The fixture must give the verdict its name promises, with the parameters it will be run with.
  const verdictOf = (values: JsonObject[]) => evaluateRecorded(rule, values);
  const before = await verdictOf(originals);
  const actual = await verdictOf(scrubbedValues);
  if (before.type === expected && actual.type !== expected) {
    const field = await fieldChangingVerdict(scrubber, originals, roots, before.type, verdictOf);
    const what = `${resourceType} ${resourceId}`;
    throw new UsageError(
      `scrubbing ${field ?? 'several fields together'} changes the verdict of ${what} from ${before.type} to ${actual.said}; nothing written`,
    );
  }
  if (actual.type !== expected || !actual.evaluation) {
    const name = Object.entries(VERDICT_PREFIXES).find(([, v]) => v === actual.type)?.[0];
    throw new UsageError(
      `rule ${rule.id} gives ${actual.said} for ${resourceType} ${resourceId}, not ${expected}` +
        (name ? `: record it --as ${name}.${options.as.split('.').slice(1).join('.')}` : ''),
    );
  }
  // The last pass: nothing secret-shaped may reach a file meant to be committed.
  for (const [i, value] of scrubbedValues.entries()) {
    const left = findSurvivingSecret(value, roots[i]);
    if (left) {
      throw new UnsafeFixtureError(
        `${left.path || 'the item'} still holds a ${left.form} after scrubbing; nothing written`,
      );
    }
  }
  const evaluation = actual.evaluation;

  mkdirSync(dir, { recursive: true });
  writeFileSync(path, JSON.stringify(fixture, null, 2) + '\n');
  const lookupFiles: string[] = [];
  if (lookupJson.length > 0) {
    mkdirSync(join(dir, '_lookup'), { recursive: true });
    for (const j of lookupJson) {
      const item = normaliseItem(j.configurationItems?.[0] ?? j);
      const lookupPath = join(dir, '_lookup', `${shortType(item.resourceType)}.${fileSafe(item.resourceId)}.json`);
      // A lookup file another fixture of the rule already relies on is left as it is.
      if (!existsSync(lookupPath)) writeFileSync(lookupPath, JSON.stringify(j, null, 2) + '\n');
      lookupFiles.push(lookupPath);
    }
  }
  if (Object.keys(rawParams).length > 0) {
    const paramsPath = join(dir, '_params.json');
    const all = (existsSync(paramsPath) ? readJsonFile(paramsPath) : {}) as Record<string, RawParams>;
    all[file] = fixtureParams as RawParams;
    writeFileSync(paramsPath, JSON.stringify(all, null, 2) + '\n');
  }
  // The annotation it gives now is what `test` will expect of it: the command prints it, to be read.
  const expectedPath = join(dir, EXPECTED_FILE);
  const expectations = (existsSync(expectedPath) ? readJsonFile(expectedPath) : {}) as Record<string, unknown>;
  expectations[file] = { annotation: evaluation.Annotation ?? null };
  writeFileSync(expectedPath, JSON.stringify(expectations, null, 2) + '\n');
  return {
    file: path,
    verdict: evaluation.ComplianceType,
    ...(evaluation.Annotation ? { annotation: evaluation.Annotation } : {}),
    lookups: lookupFiles,
    source: recorded.source,
    scrubbed: scrubber.report(),
  };
}

export interface RecordedVerdict {
  /** The compliance type, or the error's name when the item could not be evaluated. */
  type: string;
  /** As the command says it: the type with its annotation, or the error. */
  said: string;
  evaluation?: Evaluation;
}

/** Evaluate params, fixture and lookups as `ml-config-rules test` will; an error is an outcome too. */
async function evaluateRecorded(rule: Rule, [params, fixture, ...lookups]: JsonObject[]): Promise<RecordedVerdict> {
  try {
    const items = lookups.flatMap((j) => (j.configurationItems ?? [j]).map(normaliseItem));
    const options = { paramOverrides: params as RawParams };
    const { evaluations } = await evaluateEvent(rule, inputToEvent(fixture), localSources(items), options);
    const e = evaluations[0];
    if (!e) return { type: 'no evaluation', said: 'no evaluation' };
    const said = `${e.ComplianceType}${e.Annotation ? ` (${e.Annotation})` : ''}`;
    return { type: e.ComplianceType, said, evaluation: e };
  } catch (error) {
    return { type: (error as Error).name, said: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** Scrub one changed field at a time: the first whose scrub alone changes the verdict. */
export async function fieldChangingVerdict(
  scrubber: Scrubber,
  originals: JsonObject[],
  roots: string[],
  verdict: string,
  verdictOf: (values: JsonObject[]) => Promise<RecordedVerdict>,
): Promise<string | undefined> {
  const changed = [...scrubber.changed];
  // Leaves only: a JSON string that changed is named by the field inside it that changed.
  const inside = (q: string, p: string) => q !== p && (q.startsWith(`${p}.`) || q.startsWith(`${p}[`));
  const leaves = changed.filter((p) => !changed.some((q) => inside(q, p)));
  for (const field of leaves) {
    const values = originals.map((v, i) => scrubber.scrub(v, { path: roots[i]!, only: field }));
    if ((await verdictOf(values)).type !== verdict) return field;
  }
  return undefined;
}

export async function recordCommand(resourceType: string, resourceId: string, options: RecordOptions) {
  const result = await record(resourceType, resourceId, options);
  const rel = (p: string) => relative(process.cwd(), p) || p;
  const accounts = Object.keys(result.scrubbed.accounts).length;
  const redacted = result.scrubbed.redacted;
  process.stdout.write(
    `wrote ${rel(result.file)} (${result.verdict}${result.annotation ? `: ${result.annotation}` : ''})\n` +
      `  item from ${result.source}; scrubbed ${accounts} account id${accounts === 1 ? '' : 's'} and ${result.scrubbed.emails} e-mail address${result.scrubbed.emails === 1 ? '' : 'es'}` +
      (redacted > 0 ? `; redacted ${redacted} secret or free-form value${redacted === 1 ? '' : 's'}` : '') +
      '\n' +
      result.lookups.map((l) => `  lookup ${rel(l)}\n`).join(''),
  );
}
