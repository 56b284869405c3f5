// The one table of which resource types AWS Config can record, as the pack decides it. The
// recorder, the rules' triggers, the scaffolder, `doctor`, `history` and `scan` all read it
// through `isRecordable` (recording.ts). A type the table does not record is never sent to a
// recorder: its rules list it through an inventory adapter instead.
//
// Three sources, each row saying what each one lists:
//  - sdk: the `ResourceType` enum of @aws-sdk/client-config-service (the Config API model).
//    `npm run check-types` refreshes these columns from the installed SDK and fails when they
//    changed, so an SDK upgrade that adds a type is looked at, not missed.
//  - schema: awslabs/aws-config-resource-schema, config/properties/resource-types/ (the types
//    advanced queries cover, which the developer guide calls a subset of the recorded types).
//  - page: the developer guide's "Supported Resource Types for AWS Config".
//
// The choice: a type is recorded when the page lists it and a second AWS source agrees (the
// SDK's enum or the schema repository). A type only the page lists is not sent: Config refuses
// the whole PutConfigurationRecorder call when one type is not valid (InvalidRecordingGroupException,
// "You have provided resource types ... that are not valid",
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html), and
// every rule waits on the recorder: an unconfirmed type could cost the whole deploy, while leaving
// it out costs only change triggers (its rules read it through the SageMaker API on a schedule).
// Only a real account confirms which page-only types Config takes (docs/deploy.md lists them).

export const SOURCES = {
  sdk: {
    name: '@aws-sdk/client-config-service ResourceType enum',
    version: '3.1124.0',
    read: '2026-12-02',
  },
  schema: {
    name: 'awslabs/aws-config-resource-schema, config/properties/resource-types/',
    url: 'https://github.com/awslabs/aws-config-resource-schema/tree/master/config/properties/resource-types',
    commit: 'adf55132ad87019eb178da5f926902e12fa6b2c2 (2025-03-17)',
    read: '2026-12-02',
  },
  page: {
    name: 'Supported Resource Types for AWS Config',
    url: 'https://docs.aws.amazon.com/config/latest/developerguide/resource-config-reference.html',
    // The page is updated monthly; the copy read lists the SageMaker types AWS added in June 2026.
    read: '2026-12-02',
  },
} as const;

export interface RecordableRow {
  type: string;
  /** Listed by the SDK's ResourceType enum (refreshed by `npm run check-types`). */
  sdk: boolean;
  /** Has a resource-type file in the resource-schema repository. */
  schema: boolean;
  /** Listed on the supported-types page. */
  page: boolean;
  /** The pack's choice: sent to the recorder and evaluated from Config's items. */
  record: boolean;
  /** Why, when the sources disagree. */
  why?: string;
}

const PAGE_ONLY =
  'only the supported-types page lists it (added there in June 2026); neither the SDK enum nor the schema repository has it yet, so it is not sent';
const NOT_LISTED = 'no source lists it: Config does not record it';
const PAGE_AND_SDK = 'the page and the SDK enum list it; the schema repository covers only advanced-query types';
const PAGE_AND_SCHEMA =
  'the page and the schema repository list it (since 2023); the SDK enum lags behind them, and AWS managed rules trigger on its changes';

// One row per line, in type order: `npm run check-types` rewrites the sdk column in place.
// biome-ignore format: one row per line is what the refresh script edits
export const RECORDABLE_TYPES: readonly RecordableRow[] = [
  { type: 'AWS::Config::ResourceCompliance', sdk: true, schema: true, page: true, record: true },
  { type: 'AWS::S3::Bucket', sdk: true, schema: true, page: true, record: true },
  { type: 'AWS::SageMaker::AppImageConfig', sdk: true, schema: true, page: true, record: true },
  { type: 'AWS::SageMaker::Cluster', sdk: false, schema: false, page: true, record: false, why: PAGE_ONLY },
  { type: 'AWS::SageMaker::CodeRepository', sdk: true, schema: true, page: true, record: true },
  { type: 'AWS::SageMaker::DataQualityJobDefinition', sdk: true, schema: false, page: true, record: true, why: PAGE_AND_SDK },
  { type: 'AWS::SageMaker::Domain', sdk: true, schema: true, page: true, record: true },
  { type: 'AWS::SageMaker::Endpoint', sdk: false, schema: false, page: true, record: false, why: PAGE_ONLY },
  { type: 'AWS::SageMaker::EndpointConfig', sdk: false, schema: true, page: true, record: true, why: PAGE_AND_SCHEMA },
  { type: 'AWS::SageMaker::FeatureGroup', sdk: true, schema: true, page: true, record: true },
  { type: 'AWS::SageMaker::Image', sdk: true, schema: true, page: true, record: true },
  { type: 'AWS::SageMaker::InferenceExperiment', sdk: true, schema: false, page: true, record: true, why: PAGE_AND_SDK },
  { type: 'AWS::SageMaker::MlflowTrackingServer', sdk: true, schema: false, page: true, record: true, why: PAGE_AND_SDK },
  { type: 'AWS::SageMaker::Model', sdk: true, schema: true, page: true, record: true },
  { type: 'AWS::SageMaker::ModelBiasJobDefinition', sdk: true, schema: false, page: true, record: true, why: PAGE_AND_SDK },
  { type: 'AWS::SageMaker::ModelExplainabilityJobDefinition', sdk: true, schema: false, page: true, record: true, why: PAGE_AND_SDK },
  { type: 'AWS::SageMaker::ModelPackage', sdk: false, schema: false, page: false, record: false, why: NOT_LISTED },
  { type: 'AWS::SageMaker::ModelPackageGroup', sdk: false, schema: false, page: true, record: false, why: PAGE_ONLY },
  { type: 'AWS::SageMaker::ModelQualityJobDefinition', sdk: true, schema: false, page: true, record: true, why: PAGE_AND_SDK },
  { type: 'AWS::SageMaker::MonitoringSchedule', sdk: false, schema: false, page: true, record: false, why: PAGE_ONLY },
  { type: 'AWS::SageMaker::NotebookInstance', sdk: false, schema: true, page: true, record: true, why: PAGE_AND_SCHEMA },
  { type: 'AWS::SageMaker::NotebookInstanceLifecycleConfig', sdk: true, schema: true, page: true, record: true },
  { type: 'AWS::SageMaker::Pipeline', sdk: false, schema: false, page: true, record: false, why: PAGE_ONLY },
  { type: 'AWS::SageMaker::ProcessingJob', sdk: false, schema: false, page: false, record: false, why: NOT_LISTED },
  { type: 'AWS::SageMaker::StudioLifecycleConfig', sdk: true, schema: false, page: true, record: true, why: PAGE_AND_SDK },
  { type: 'AWS::SageMaker::TrainingJob', sdk: false, schema: false, page: false, record: false, why: NOT_LISTED },
  { type: 'AWS::SageMaker::UserProfile', sdk: true, schema: false, page: true, record: true, why: PAGE_AND_SDK },
  { type: 'AWS::SageMaker::Workteam', sdk: true, schema: true, page: true, record: true },
];

/** Type prefixes the table must cover whole: every type of these the SDK lists needs a row. */
export const COVERED_PREFIXES = ['AWS::SageMaker::'] as const;

const byType = new Map(RECORDABLE_TYPES.map((row) => [row.type, row]));

/** The table's row for a type, or undefined for a type the table does not know. */
export const recordableRow = (type: string): RecordableRow | undefined => byType.get(type);
