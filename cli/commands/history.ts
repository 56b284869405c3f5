// `ml-config-rules history`: the change timeline of one resource, or of every resource carrying a
// pipeline's tag, with the rules each change flipped. Items come from GetResourceConfigHistory
// (7-day windows, paginated) or, offline, from a folder of saved items (`--from DIR`). The
// SageMaker types the pack records itself are read under their recorded names (history-tracked.ts).
import {
  GetResourceConfigHistoryCommand,
  paginateGetResourceConfigHistory,
  paginateSelectResourceConfig,
  type ConfigServiceClient,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pMap from 'p-map';
import { configSources } from '../../rules/_core/config-sources.js';
import { isRecordable } from '../../rules/_core/recording.js';
import { readItems } from '../local/fixtures.js';
import { normaliseItem, resourceKey, type ConfigItem } from '../../rules/_core/items.js';
import { own } from '../../rules/_core/own.js';
import type { LookupKey } from '../../rules/_core/rule.js';
import { describeChange } from '../diff.js';
import { renderHistoryHtml } from '../history-html.js';
import { isUnreadableAnswer } from '../aws-errors.js';
import { defaultRegion, recorderState, regionClients } from '../live-sources.js';
import { plural, printJson, printReport, table, UsageError, type Report } from '../output.js';
import { buildTimeline, describeFlip, lookupKeys, type Timeline } from '../timeline.js';
import { recordedTypeOf, trackedPipelineResources, trackingNamespace } from '../history-tracked.js';
import { awsTypeOf, trackedResourceOf } from '../../rules/_tracking/names.js';
import { append, maxOf } from '../../rules/_core/arrays.js';

export const DEFAULT_SINCE_DAYS = 30;
const DAY_MS = 86_400_000;
/** GetResourceConfigHistory spans at most 7 days per call. */
export const WINDOW_MS = 7 * DAY_MS;

/** Why Config knows nothing of a resource: the recorder is off, leaves the type out, or never saw it. */
async function notRecordedReason(config: ConfigServiceClient, resourceType: string): Promise<string> {
  if (trackedResourceOf(resourceType)) return notTrackedReason(config, resourceType);
  if (!isRecordable(resourceType))
    return `the pack does not record ${resourceType} in Config (see the table of recordable types in docs/deploy.md): its rules list it through the SageMaker API`;
  const recorder = await recorderState(config).catch(() => undefined);
  if (recorder && !recorder.recording) return 'no configuration recorder is on in this Region';
  if (recorder && !recorder.records(resourceType)) return `the recorder does not record ${resourceType}`;
  return 'Config never recorded it (it may not exist in this Region, or was deleted before recording began)';
}

/** Why Config holds no item of a tracked resource: no recorder runs, or the pack never recorded it under this name. */
async function notTrackedReason(config: ConfigServiceClient, resourceType: string): Promise<string> {
  const recorder = await recorderState(config).catch(() => undefined);
  // PutResourceConfig needs a running recorder (NoRunningConfigurationRecorderException,
  // https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html).
  if (recorder && !recorder.recording) return 'no configuration recorder is on in this Region';
  return `the pack records ${awsTypeOf(resourceType)} as ${resourceType} only where tracking is on (stack key tracking), from when it was turned on; another namespace needs --tracking-namespace`;
}

/** `--since`: an ISO date or time, or `<n>d` for n days ago. */
export function parseSince(text: string | undefined, now: Date): Date | undefined {
  if (text === undefined) return undefined;
  const days = /^(\d{1,5})d$/.exec(text.trim());
  if (days) return new Date(now.getTime() - Number(days[1]) * DAY_MS);
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw new UsageError(
      `--since ${text}: expected a date (2026-11-01, 2026-11-01T09:00:00Z) or a number of days (30d)`,
    );
  return new Date(ms);
}

/** The pipeline's resources, found with Config's advanced query on the pipeline tag. */
export async function pipelineResources(
  config: ConfigServiceClient,
  tagKey: string,
  pipeline: string,
): Promise<LookupKey[]> {
  if (/['\\]/.test(tagKey + pipeline))
    throw new UsageError('the pipeline name and tag key cannot contain quotes or backslashes');
  const expression = `SELECT resourceType, resourceId WHERE tags.tag = '${tagKey}=${pipeline}'`;
  const keys: LookupKey[] = [];
  for await (const page of paginateSelectResourceConfig(
    { client: config, pageSize: 100 },
    { Expression: expression },
  )) {
    for (const row of page.Results ?? []) {
      const r = JSON.parse(row) as { resourceType?: string; resourceId?: string };
      if (r.resourceType && r.resourceId) keys.push({ resourceType: r.resourceType, resourceId: r.resourceId });
    }
  }
  return keys;
}

/** Every item of a resource from `since` to `until`, oldest first: 7-day windows, each paginated. */
export async function resourceHistory(
  config: ConfigServiceClient,
  key: LookupKey,
  since: Date,
  until: Date,
): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let start = since.getTime(); start < until.getTime(); start += WINDOW_MS) {
    const end = Math.min(start + WINDOW_MS, until.getTime());
    const pages = paginateGetResourceConfigHistory(
      { client: config, pageSize: 100 },
      {
        resourceType: key.resourceType as ResourceType,
        resourceId: key.resourceId,
        earlierTime: new Date(start),
        laterTime: new Date(end),
        chronologicalOrder: 'Forward',
      },
    );
    for await (const page of pages) append(items, page.configurationItems ?? []);
  }
  return items;
}

/** Saved items under a folder (recursively): item, array of items, or API response per file. */
export function readItemsDir(dir: string): ConfigItem[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--from ${dir}: no such folder`);
  const items: ConfigItem[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) append(items, readItemsDir(path));
    else if (name.endsWith('.json')) append(items, readItems(path));
  }
  return items;
}

export interface HistoryOptions {
  pipeline?: string;
  tagKey: string;
  since?: string;
  from?: string;
  save?: string;
  format: 'table' | 'json' | 'html';
  out?: string;
  region?: string;
  /** The namespace of the tracked types (stack key trackingNamespace); default MLConfigRules. */
  trackingNamespace?: string;
}

export interface HistoryDeps {
  config?: ConfigServiceClient;
  now?: Date;
}

export async function loadHistory(
  resourceType: string | undefined,
  resourceId: string | undefined,
  options: HistoryOptions,
  deps: HistoryDeps = {},
): Promise<Timeline> {
  const byPipeline = options.pipeline !== undefined;
  if (byPipeline === (resourceType !== undefined)) {
    throw new UsageError('give either --pipeline NAME or RESOURCE_TYPE RESOURCE_ID');
  }
  if (!byPipeline && !resourceId) throw new UsageError('RESOURCE_TYPE needs a RESOURCE_ID');
  const namespace = trackingNamespace(options.trackingNamespace);
  // `AWS::SageMaker::TrainingJob` is read as the type the pack records it under.
  if (resourceType !== undefined) resourceType = recordedTypeOf(resourceType, namespace);
  const now = deps.now ?? new Date();
  const since = parseSince(options.since, now);
  const title = byPipeline
    ? `Pipeline ${options.pipeline} (${options.tagKey}=${options.pipeline})`
    : `${resourceType} ${resourceId}`;

  if (options.from) {
    const all = readItemsDir(options.from);
    const wanted = new Set(
      all
        .filter((i) =>
          byPipeline
            ? own(i.tags, options.tagKey) === options.pipeline
            : i.resourceType === resourceType && i.resourceId === resourceId,
        )
        .map((i) => resourceKey(i.resourceType, i.resourceId)),
    );
    const items = all.filter(
      (i) =>
        wanted.has(resourceKey(i.resourceType, i.resourceId)) &&
        (!since || Date.parse(i.configurationItemCaptureTime ?? '') >= since.getTime()),
    );
    if (items.length === 0)
      throw new UsageError(
        `no saved items in ${options.from} for ${byPipeline ? `${options.tagKey}=${options.pipeline}` : `${resourceType} ${resourceId}`}`,
      );
    // Every other saved item is there for the rules' lookups; the newest item in the folder ends
    // the period it records (a resource that did not change since still held its last state).
    return buildTimeline(items, {
      title,
      lookupItems: all.filter((i) => !items.includes(i)),
      until: newestCapture(all),
    });
  }

  const config = deps.config ?? regionClients(options.region ?? (await defaultRegion())).config;
  const start = since ?? new Date(now.getTime() - DEFAULT_SINCE_DAYS * DAY_MS);
  const keys = byPipeline
    ? await pipelineKeys(config, namespace, options.tagKey, options.pipeline!, start)
    : [{ resourceType: resourceType!, resourceId: resourceId! }];
  if (keys.length === 0)
    throw new UsageError(`AWS Config knows no resource tagged ${options.tagKey}=${options.pipeline}`);
  const missing: string[] = [];
  const raw = await pMap(
    keys,
    async (key) => {
      try {
        // The item in force at `since` is the baseline the first change is compared with.
        const before = await config.send(
          new GetResourceConfigHistoryCommand({
            resourceType: key.resourceType as ResourceType,
            resourceId: key.resourceId,
            laterTime: start,
            limit: 1,
          }),
        );
        return {
          key,
          items: [...(before.configurationItems ?? []), ...(await resourceHistory(config, key, start, now))],
        };
      } catch (error) {
        const unreadable = isUnreadableAnswer(error);
        if (!unreadable && (error as Error).name !== 'ResourceNotDiscoveredException') throw error;
        const why = unreadable
          ? `its items could not be read (${String((error as Error).message).split('\n')[0]}; the local emulator's items carry timestamps the SDK rejects)`
          : await notRecordedReason(config, key.resourceType);
        missing.push(`${key.resourceType} ${key.resourceId}: ${why}`);
        // With several resources the others' timeline still comes; say which one has none.
        if (keys.length > 1)
          process.stderr.write(
            `ml-config-rules: AWS Config has no history of ${key.resourceType} ${key.resourceId}: ${why}\n`,
          );
        return { key, items: [] };
      }
    },
    { concurrency: 4 },
  );
  if (options.save) saveHistory(options.save, raw);
  const items = raw.flatMap((r) => r.items.map(normaliseItem));
  // The item in force at the start is always asked for, so an earlier --since would find nothing more.
  if (items.length === 0) {
    throw new UsageError(
      `AWS Config has no history${missing.length > 0 ? ` of ${missing.join('; ')}` : ` of ${keys.map((k) => `${k.resourceType} ${k.resourceId}`).join(', ')}`}`,
    );
  }
  // Lookups (a model's artifact bucket) are read as Config recorded them at each change.
  const sources = configSources({ config });
  // A resource Config never recorded is what the rule then judges; any other error stops the run.
  const notDiscovered = (error: unknown) => {
    if ((error as Error).name === 'ResourceNotDiscoveredException') return undefined;
    throw error;
  };
  const lookupItems = (
    await pMap(
      lookupKeys(items),
      ({ key, time }) => sources.getItem(key.resourceType, key.resourceId, time).catch(notDiscovered),
      { concurrency: 4 },
    )
  ).filter((i): i is ConfigItem => i !== undefined);
  return buildTimeline(items, { title, lookupItems, until: now.toISOString() });
}

/** The newest capture time among items. */
function newestCapture(items: ConfigItem[]): string | undefined {
  const times = items.map((i) => Date.parse(i.configurationItemCaptureTime ?? '')).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? new Date(maxOf(times)).toISOString() : undefined;
}

/** A pipeline's resources: the advanced query for the types it covers, the tracked types' listings for the rest. */
async function pipelineKeys(
  config: ConfigServiceClient,
  namespace: string,
  tagKey: string,
  pipeline: string,
  since: Date,
): Promise<LookupKey[]> {
  const [queried, tracked] = await Promise.all([
    pipelineResources(config, tagKey, pipeline),
    trackedPipelineResources(config, namespace, tagKey, pipeline, since),
  ]);
  const seen = new Set(queried.map((k) => resourceKey(k.resourceType, k.resourceId)));
  return [...queried, ...tracked.filter((k) => !seen.has(resourceKey(k.resourceType, k.resourceId)))];
}

/** `--save DIR`: the fetched items, one file per resource, as `--from DIR` reads them back. */
function saveHistory(dir: string, raw: { key: LookupKey; items: unknown[] }[]) {
  mkdirSync(dir, { recursive: true });
  for (const { key, items } of raw) {
    if (items.length === 0) continue;
    const name = `${key.resourceType.replace(/^AWS::/, '').replace(/::/g, '-')}.${key.resourceId}`.replace(
      /[^A-Za-z0-9._-]+/g,
      '_',
    );
    const json = JSON.parse(JSON.stringify({ configurationItems: items }));
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(json, null, 2) + '\n');
  }
}

/** A type as the table shows it: without `AWS::`, and a tracked type as the AWS type it stands for. */
const shownType = (type: string) =>
  trackedResourceOf(type) ? `SageMaker::${trackedResourceOf(type)} (tracked)` : type.replace(/^AWS::/, '');

export function historyReport(timeline: Timeline): Report {
  const rows = timeline.entries.map((e) => [
    e.time.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ''),
    `${shownType(e.resourceType)}\n${e.resourceId}`,
    e.kind === 'discovered'
      ? 'first recorded'
      : e.changes.map((c) => describeChange(c, 48)).join('\n') || '(no field change)',
    e.kind === 'discovered'
      ? Object.entries(e.verdicts)
          .map(([r, v]) => `${r}: ${v.complianceType}`)
          .join('\n')
      : e.kind === 'deleted'
        ? 'deleted: no rule applies'
        : e.flips.map(describeFlip).join('\n') || '—',
  ]);
  const flips = timeline.entries.reduce((n, e) => n + e.flips.length, 0);
  return {
    heading: timeline.title,
    table: table(['time (UTC)', 'resource', 'change', 'verdicts (first) / flips'], rows, {
      colWidths: [18, 30, null, 58],
    }),
    notes: [
      `${plural(timeline.resources.length, 'resource')}, ${plural(timeline.entries.length, 'entry', 'entries')}, ${plural(flips, 'verdict flip')}`,
    ],
  };
}

export async function historyCommand(
  resourceType: string | undefined,
  resourceId: string | undefined,
  options: HistoryOptions,
) {
  if (options.format === 'html' && !options.out) throw new UsageError('--format html needs --out FILE');
  if (options.out && options.format !== 'html') throw new UsageError('--out is for --format html');
  const timeline = await loadHistory(resourceType, resourceId, options);
  if (options.format === 'json') return printJson(timeline);
  if (options.format === 'html') {
    writeFileSync(options.out!, renderHistoryHtml(timeline));
    process.stdout.write(
      `wrote ${options.out} (${plural(timeline.resources.length, 'resource')}, ${plural(timeline.entries.length, 'entry', 'entries')})\n`,
    );
    return;
  }
  printReport(historyReport(timeline));
}
