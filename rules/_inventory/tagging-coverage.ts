// Where the pack reads the tags of each SageMaker resource type it lists: through the Resource
// Groups Tagging API's GetResources (100 resources a call) or through SageMaker's ListTags (one
// call per resource). The adapters (sagemaker.ts, tags.ts) read this table; a type it does not
// name is read with ListTags.
//
// The policy: GetResources only for the types AWS documents it covers, ListTags otherwise. What
// AWS documents (read 2026-12-02):
//  - "Services that support the Resource Groups Tagging API" lists services for TagResources and
//    UntagResources, and says "The GetResources, GetTagKeys, and GetTagValues operations support
//    all resource types." It names its exceptions: IAM users and roles (GetResources "does not
//    currently support" them) and EC2 Auto Scaling groups (an empty answer). No SageMaker type is
//    among them, and no SageMaker type is named one by one.
//  - GetResources' API reference, on ResourceTypeFilters: "All tagged resources, whether the
//    tagging used the Resource Groups Tagging API or not, are returned by the Get* operation",
//    and each filter is "the same as that embedded in a resource's Amazon Resource Name (ARN)".
//    It also says GetResources "does not return untagged resources", so an absent resource
//    cannot tell an untagged one from a type it does not cover.
//
// The decision, row by row: each type below is a SageMaker resource type with an ARN of its own
// (`arn:<partition>:sagemaker:<region>:<account>:<type>/<name>`, as the Service Authorization
// Reference lists them), and the page in `taggable` documents that it takes tags. The "all
// resource types" statement covers it and names no SageMaker exception, so each row reads
// GetResources. That statement is general, not a list of types, so the pack does not take it on
// trust: when GetResources leaves listed resources out, a few of them are asked with ListTags,
// and a tag GetResources should have returned switches that listing to ListTags, with a warning
// (tags.ts); `doctor` compares both ways for one resource of each type the deployed rules read
// tags of. A row moves to `listTags` when AWS names the type as an exception, or when that check
// shows a miss. Filters are checked in code too: whether a filter matches by prefix
// (`sagemaker:model` and `model-package-group`) is not documented, so an answer is kept only for
// the filter's exact type.
//
// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/supported-services.html
// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTags.html

export type TagSource = 'getResources' | 'listTags';

export interface TagCoverageRow {
  /** The Tagging API's type: `sagemaker:` and the ARN's resource-type segment. */
  type: string;
  /** How the pack reads this type's tags. */
  via: TagSource;
  /** The page that documents GetResources' coverage of the type. */
  source: string;
  /** The page that documents that the type takes tags. */
  taggable: string;
}

export const SOURCES = {
  supportedServices: 'https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/supported-services.html',
  getResources: 'https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html',
  listTags: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTags.html',
  /** Every SageMaker resource type with its ARN format. */
  resourceTypes:
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html#amazonsagemaker-resources-for-iam-policies',
  read: '2026-12-02',
} as const;

const ALL = SOURCES.supportedServices;
const API = 'https://docs.aws.amazon.com/sagemaker/latest/APIReference';
// SageMaker's own list of taggable types; it predates the newer types, whose Create call takes Tags.
const ADD_TAGS = `${API}/API_AddTags.html`;

// biome-ignore format: one row per line
export const TAG_COVERAGE: readonly TagCoverageRow[] = [
  { type: 'sagemaker:data-quality-job-definition', via: 'getResources', source: ALL, taggable: `${API}/API_CreateDataQualityJobDefinition.html` },
  { type: 'sagemaker:domain', via: 'getResources', source: ALL, taggable: `${API}/API_CreateDomain.html` },
  { type: 'sagemaker:endpoint', via: 'getResources', source: ALL, taggable: ADD_TAGS },
  { type: 'sagemaker:endpoint-config', via: 'getResources', source: ALL, taggable: ADD_TAGS },
  { type: 'sagemaker:feature-group', via: 'getResources', source: ALL, taggable: `${API}/API_CreateFeatureGroup.html` },
  // ListInferenceExperiments' summaries carry no ARN: the run-time check cannot ask ListTags about them.
  { type: 'sagemaker:inference-experiment', via: 'getResources', source: ALL, taggable: `${API}/API_CreateInferenceExperiment.html` },
  { type: 'sagemaker:model', via: 'getResources', source: ALL, taggable: ADD_TAGS },
  { type: 'sagemaker:model-bias-job-definition', via: 'getResources', source: ALL, taggable: `${API}/API_CreateModelBiasJobDefinition.html` },
  { type: 'sagemaker:model-explainability-job-definition', via: 'getResources', source: ALL, taggable: `${API}/API_CreateModelExplainabilityJobDefinition.html` },
  { type: 'sagemaker:model-package-group', via: 'getResources', source: ALL, taggable: `${API}/API_CreateModelPackageGroup.html` },
  { type: 'sagemaker:model-quality-job-definition', via: 'getResources', source: ALL, taggable: `${API}/API_CreateModelQualityJobDefinition.html` },
  { type: 'sagemaker:monitoring-schedule', via: 'getResources', source: ALL, taggable: `${API}/API_CreateMonitoringSchedule.html` },
  { type: 'sagemaker:notebook-instance', via: 'getResources', source: ALL, taggable: ADD_TAGS },
  { type: 'sagemaker:notebook-instance-lifecycle-config', via: 'getResources', source: ALL, taggable: `${API}/API_CreateNotebookInstanceLifecycleConfig.html` },
  { type: 'sagemaker:pipeline', via: 'getResources', source: ALL, taggable: `${API}/API_CreatePipeline.html` },
  { type: 'sagemaker:training-job', via: 'getResources', source: ALL, taggable: ADD_TAGS },
];

const byType = new Map(TAG_COVERAGE.map((row) => [row.type, row]));

/** How the pack reads a tagging type's tags: the table's choice, ListTags for a type it does not name. */
export const tagSourceOf = (type: string): TagSource => byType.get(type)?.via ?? 'listTags';

/**
 * The tagging type of an ARN, `<service>:<resource-type>` (`arn:aws:sagemaker:us-east-1:1234:
 * model-package-group/churn` → `sagemaker:model-package-group`); undefined for a string that is not an ARN.
 */
export function taggingTypeOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[2]) return undefined;
  const resource = parts.slice(5).join(':');
  const type = resource.split(/[/:]/)[0];
  return type ? `${parts[2]}:${type}` : undefined;
}
