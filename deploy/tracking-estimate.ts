// At preview, with tracking on: how many resources the retention window would keep active in
// Config, counted from what SageMaker lists now. Config takes at most 100,000 active custom
// resources per account; past it PutResourceConfig answers MaxActiveResourcesExceededException
// (https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html). The daily
// reconcile keeps endpoints, pipelines, model packages and groups whatever their age, and jobs and
// pipeline executions created within `trackingRetentionDays` (rules/_tracking/reconcile.ts): the
// same listing, with the creation times, gives the count and the retention that would fit.
// Above a safe share of the cap the preview warns with that retention; otherwise it says the
// count. A failed count is a warning, never a failed preview. Like the recorder look-up
// (existing-recorder.ts), the SageMaker client takes the stack's aws:region and aws:profile.
import {
  paginateListEndpoints,
  paginateListModelPackageGroups,
  paginateListModelPackages,
  paginateListPipelineExecutions,
  paginateListPipelines,
  paginateListProcessingJobs,
  paginateListTrainingJobs,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { errorText, nameFailedCalls } from '../cli/aws-errors.js';
import { clientConfig } from '../rules/_core/clients.js';
import { ACTIVE_CUSTOM_RESOURCES_MAX, SAFE_ACTIVE_RESOURCES } from '../rules/_tracking/limits.js';
import type { TrackedResource } from '../rules/_tracking/names.js';
import { NAMESPACE, type StackConfig } from './config.js';
import { providerSettings, type ProviderSettings } from './existing-recorder.js';
import { append } from '../rules/_core/arrays.js';

const DAY_MS = 86_400_000;

/** One line of the preview (as recorder-plan.ts's notes). */
export interface TrackingNote {
  level: 'info' | 'warn';
  text: string;
}

/** What SageMaker lists now, as the reconcile would keep it. */
export interface TrackedListing {
  /** Kept whatever their age: endpoints, pipelines, model packages and groups. */
  kept: Partial<Record<TrackedResource, number>>;
  /** Jobs and pipeline executions created since the window's start: when each was created. */
  windowed: Partial<Record<TrackedResource, Date[]>>;
}

/** Lists this account's tracked resources; injectable, so the tests answer it. */
export type TrackedListingLookup = (since: Date) => Promise<TrackedListing>;

const PAGE = { pageSize: 100 };
const NOUNS: Record<TrackedResource, string> = {
  TrainingJob: 'training jobs',
  ProcessingJob: 'processing jobs',
  Endpoint: 'endpoints',
  Pipeline: 'pipelines',
  PipelineExecution: 'pipeline executions',
  ModelPackage: 'model packages',
  ModelPackageGroup: 'model package groups',
};

/** The listing the reconcile makes (reconcile.ts listNow), with the creation time of what it windows. */
export async function listTracked(sagemaker: SageMakerClient, since: Date): Promise<TrackedListing> {
  const client = { client: sagemaker, ...PAGE };
  const count = async <T>(pages: AsyncIterable<T>, items: (page: T) => unknown[] | undefined) => {
    let n = 0;
    for await (const page of pages) n += items(page)?.length ?? 0;
    return n;
  };
  const created = async <T>(pages: AsyncIterable<T>, times: (page: T) => (Date | undefined)[]) => {
    const out: Date[] = [];
    for await (const page of pages) for (const t of times(page)) if (t) out.push(t);
    return out;
  };
  const pipelines: string[] = [];
  for await (const page of paginateListPipelines(client, {}))
    for (const p of page.PipelineSummaries ?? []) if (p.PipelineName) pipelines.push(p.PipelineName);
  const executions: Date[] = [];
  for (const pipeline of pipelines)
    append(
      executions,
      await created(paginateListPipelineExecutions(client, { PipelineName: pipeline, CreatedAfter: since }), (p) =>
        (p.PipelineExecutionSummaries ?? []).map((e) => e.StartTime),
      ),
    );
  return {
    kept: {
      Endpoint: await count(paginateListEndpoints(client, {}), (p) => p.Endpoints),
      Pipeline: pipelines.length,
      ModelPackage: await count(
        paginateListModelPackages(client, { ModelPackageType: 'Both' }),
        (p) => p.ModelPackageSummaryList,
      ),
      ModelPackageGroup: await count(paginateListModelPackageGroups(client, {}), (p) => p.ModelPackageGroupSummaryList),
    },
    windowed: {
      TrainingJob: await created(paginateListTrainingJobs(client, { CreationTimeAfter: since }), (p) =>
        (p.TrainingJobSummaries ?? []).map((j) => j.CreationTime),
      ),
      ProcessingJob: await created(paginateListProcessingJobs(client, { CreationTimeAfter: since }), (p) =>
        (p.ProcessingJobSummaries ?? []).map((j) => j.CreationTime),
      ),
      PipelineExecution: executions,
    },
  };
}

/** A SageMaker client for the stack's account and Region, built as the recorder look-up's Config client. */
export function trackingClient(settings: ProviderSettings = providerSettings()): SageMakerClient {
  return nameFailedCalls(
    new SageMakerClient({
      ...clientConfig(settings.region ? { region: settings.region } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
    }),
  );
}

/** The lookup the program uses: the stack's account and Region. */
export const stackTrackedListing =
  (settings?: ProviderSettings): TrackedListingLookup =>
  (since) =>
    listTracked(trackingClient(settings), since);

const n = (count: number) => count.toLocaleString('en-US');
const KEY = `${NAMESPACE}:trackingRetentionDays`;

/**
 * The longest retention (whole days, at least 1) that keeps at most `budget` of the windowed
 * resources, or 0 when even one day keeps more.
 */
export function retentionThatFits(created: Date[], budget: number, now: Date): number {
  if (created.length <= budget) return Number.POSITIVE_INFINITY;
  if (budget <= 0) return 0;
  const newestFirst = [...created].sort((a, b) => b.getTime() - a.getTime());
  // A window of d days keeps what is younger than d days: fewer than `budget` when d is at most the
  // age, in whole days, of the first one past the budget.
  const firstOver = newestFirst[budget]!;
  return Math.floor((now.getTime() - firstOver.getTime()) / DAY_MS);
}

/** What the preview says about a listing. */
export function estimateNotes(listing: TrackedListing, retentionDays: number, now: Date): TrackingNote[] {
  const kept = Object.values(listing.kept).reduce((a, b) => a + (b ?? 0), 0);
  const windowed = Object.values(listing.windowed).flatMap((d) => d ?? []);
  const total = kept + windowed.length;
  const parts = [
    ...(Object.entries(listing.windowed) as [TrackedResource, Date[]][]).map(
      ([r, d]) => `${n(d.length)} ${NOUNS[r]} of the last ${retentionDays} days`,
    ),
    ...(Object.entries(listing.kept) as [TrackedResource, number][]).map(([r, c]) => `${n(c)} ${NOUNS[r]}`),
  ].join(', ');
  const head = `tracking: about ${n(total)} resources would be active in AWS Config (${parts})`;
  if (total <= SAFE_ACTIVE_RESOURCES)
    return [{ level: 'info', text: `${head}, of the ${n(ACTIVE_CUSTOM_RESOURCES_MAX)} an account may have` }];
  const fits = retentionThatFits(windowed, SAFE_ACTIVE_RESOURCES - kept, now);
  const cap = `over ${n(SAFE_ACTIVE_RESOURCES)}, the safe share of AWS Config's ${n(ACTIVE_CUSTOM_RESOURCES_MAX)} active custom resources per account (past the cap PutResourceConfig fails with MaxActiveResourcesExceededException)`;
  const advice =
    fits >= 1
      ? `set ${KEY} to ${fits} or fewer, which would keep about ${n(kept + windowed.filter((d) => now.getTime() - d.getTime() < fits * DAY_MS).length)}`
      : `no retention fits: the ${n(kept)} endpoints, pipelines and model packages alone, with a day of jobs, are over it; track in fewer accounts or Regions, or delete what is no longer used`;
  return [{ level: 'warn', text: `${head}: ${cap}; ${advice}` }];
}

/** The preview's notes for this stack: none with tracking off (and no AWS call), a warning when the count fails. */
export async function estimateTracking(
  config: StackConfig,
  lookup: TrackedListingLookup,
  now: Date = new Date(),
): Promise<TrackingNote[]> {
  if (!config.tracking) return [];
  const since = new Date(now.getTime() - config.trackingRetentionDays * DAY_MS);
  try {
    return estimateNotes(await lookup(since), config.trackingRetentionDays, now);
  } catch (error) {
    return [
      {
        level: 'warn',
        text: `tracking: could not count the SageMaker resources the retention window would keep (${errorText(error)}); the preview goes on, and doctor reports the active item count once deployed`,
      },
    ];
  }
}
