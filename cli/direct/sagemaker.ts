// SageMaker types AWS Config records, read through their List/Describe APIs and shaped like the
// Config item: `configuration` carries the CloudFormation-style PascalCase properties (the
// Describe output's names, with the few CloudFormation renames), `Id` = the ARN, `Tags` as a
// Key/Value list, and the item's `tags` map from ListTags.
import { dictionary, own } from '../../rules/_core/own.js';
import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeDomainCommand,
  DescribeEndpointConfigCommand,
  DescribeFeatureGroupCommand,
  DescribeInferenceExperimentCommand,
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeNotebookInstanceCommand,
  DescribeNotebookInstanceLifecycleConfigCommand,
  paginateListDataQualityJobDefinitions,
  paginateListDomains,
  paginateListEndpointConfigs,
  paginateListFeatureGroups,
  paginateListInferenceExperiments,
  paginateListModelBiasJobDefinitions,
  paginateListModelExplainabilityJobDefinitions,
  paginateListModelQualityJobDefinitions,
  paginateListModels,
  paginateListMonitoringSchedules,
  paginateListNotebookInstanceLifecycleConfigs,
  paginateListNotebookInstances,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { toPlainJson } from '../../rules/_core/inventory.js';
import type { ConfigItem } from '../../rules/_core/items.js';
import {
  assembleItems,
  inventoryItem,
  isGone,
  sagemakerOf,
  tagsOf,
  type Listed,
  type SageMakerContext,
} from '../../rules/_inventory/sagemaker.js';
import { TAG_ACTIONS } from '../../rules/_inventory/tags.js';
import type { DirectAdapter } from './index.js';
import { append } from '../../rules/_core/arrays.js';

type Described = Record<string, any>;

interface Spec {
  /** The List and Describe actions (ListTags is added to every adapter). */
  actions: [string, string];
  /** Every resource (id = its name; a Studio domain's DomainId), page by page, with its summary. */
  ids(client: SageMakerClient): AsyncIterable<Listed[]>;
  /** The Resource Groups Tagging API type, e.g. `sagemaker:endpoint-config`. */
  taggingType: string;
  describe(client: SageMakerClient, id: string): Promise<Described>;
  arnField: string;
  nameField: string;
  /**
   * CloudFormation shape: drop the Describe-only runtime fields, rename the few properties whose
   * CloudFormation name differs, and put the ARN under `Id`. Without it the Describe output is
   * kept as it is (its names already match CloudFormation's for the fields rules read).
   */
  cfn?: { drop: string[]; rename?: Record<string, string> };
}

/** Each page's summaries as listed resources: `id` and `arn` name the summary's fields (some summaries have no ARN). */
const pages = async function* <P, S extends object>(
  pager: AsyncIterable<P>,
  pick: (page: P) => S[] | undefined,
  id: keyof S,
  arn?: keyof S,
) {
  for await (const page of pager) {
    const listed: Listed[] = [];
    for (const summary of pick(page) ?? []) {
      const value = summary[id];
      if (typeof value === 'string' && value !== '')
        listed.push({ id: value, arn: arn ? String(summary[arn] ?? '') : '', summary: summary as Record<string, any> });
    }
    yield listed;
  }
};
const PAGE = { pageSize: 100 };

const SPECS: Record<string, Spec> = {
  'AWS::SageMaker::EndpointConfig': {
    actions: ['sagemaker:ListEndpointConfigs', 'sagemaker:DescribeEndpointConfig'],
    ids: (client) =>
      pages(
        paginateListEndpointConfigs({ client, ...PAGE }, {}),
        (p) => p.EndpointConfigs,
        'EndpointConfigName',
        'EndpointConfigArn',
      ),
    taggingType: 'sagemaker:endpoint-config',
    describe: (client, id) => client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: id })),
    arnField: 'EndpointConfigArn',
    nameField: 'EndpointConfigName',
    cfn: { drop: ['CreationTime'] },
  },
  'AWS::SageMaker::Model': {
    actions: ['sagemaker:ListModels', 'sagemaker:DescribeModel'],
    ids: (client) => pages(paginateListModels({ client, ...PAGE }, {}), (p) => p.Models, 'ModelName', 'ModelArn'),
    taggingType: 'sagemaker:model',
    describe: (client, id) => client.send(new DescribeModelCommand({ ModelName: id })),
    arnField: 'ModelArn',
    nameField: 'ModelName',
    cfn: { drop: ['CreationTime', 'DeploymentRecommendation'] },
  },
  'AWS::SageMaker::NotebookInstance': {
    actions: ['sagemaker:ListNotebookInstances', 'sagemaker:DescribeNotebookInstance'],
    ids: (client) =>
      pages(
        paginateListNotebookInstances({ client, ...PAGE }, {}),
        (p) => p.NotebookInstances,
        'NotebookInstanceName',
        'NotebookInstanceArn',
      ),
    taggingType: 'sagemaker:notebook-instance',
    describe: (client, id) => client.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: id })),
    arnField: 'NotebookInstanceArn',
    nameField: 'NotebookInstanceName',
    cfn: {
      drop: [
        'NotebookInstanceStatus',
        'FailureReason',
        'Url',
        'NetworkInterfaceId',
        'CreationTime',
        'LastModifiedTime',
      ],
      rename: { SecurityGroups: 'SecurityGroupIds', NotebookInstanceLifecycleConfigName: 'LifecycleConfigName' },
    },
  },
  'AWS::SageMaker::NotebookInstanceLifecycleConfig': {
    actions: ['sagemaker:ListNotebookInstanceLifecycleConfigs', 'sagemaker:DescribeNotebookInstanceLifecycleConfig'],
    ids: (client) =>
      pages(
        paginateListNotebookInstanceLifecycleConfigs({ client, ...PAGE }, {}),
        (p) => p.NotebookInstanceLifecycleConfigs,
        'NotebookInstanceLifecycleConfigName',
        'NotebookInstanceLifecycleConfigArn',
      ),
    taggingType: 'sagemaker:notebook-instance-lifecycle-config',
    describe: (client, id) =>
      client.send(new DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: id })),
    arnField: 'NotebookInstanceLifecycleConfigArn',
    nameField: 'NotebookInstanceLifecycleConfigName',
    cfn: { drop: ['CreationTime', 'LastModifiedTime'] },
  },
  'AWS::SageMaker::Domain': {
    actions: ['sagemaker:ListDomains', 'sagemaker:DescribeDomain'],
    ids: (client) => pages(paginateListDomains({ client, ...PAGE }, {}), (p) => p.Domains, 'DomainId', 'DomainArn'),
    taggingType: 'sagemaker:domain',
    describe: (client, id) => client.send(new DescribeDomainCommand({ DomainId: id })),
    arnField: 'DomainArn',
    nameField: 'DomainName',
  },
  'AWS::SageMaker::FeatureGroup': {
    actions: ['sagemaker:ListFeatureGroups', 'sagemaker:DescribeFeatureGroup'],
    ids: (client) =>
      pages(
        paginateListFeatureGroups({ client, ...PAGE }, {}),
        (p) => p.FeatureGroupSummaries,
        'FeatureGroupName',
        'FeatureGroupArn',
      ),
    taggingType: 'sagemaker:feature-group',
    describe: (client, id) => client.send(new DescribeFeatureGroupCommand({ FeatureGroupName: id })),
    arnField: 'FeatureGroupArn',
    nameField: 'FeatureGroupName',
  },
  'AWS::SageMaker::InferenceExperiment': {
    actions: ['sagemaker:ListInferenceExperiments', 'sagemaker:DescribeInferenceExperiment'],
    ids: (client) =>
      pages(paginateListInferenceExperiments({ client, ...PAGE }, {}), (p) => p.InferenceExperiments, 'Name'),
    taggingType: 'sagemaker:inference-experiment',
    describe: (client, id) => client.send(new DescribeInferenceExperimentCommand({ Name: id })),
    arnField: 'Arn',
    nameField: 'Name',
  },
  'AWS::SageMaker::MonitoringSchedule': {
    actions: ['sagemaker:ListMonitoringSchedules', 'sagemaker:DescribeMonitoringSchedule'],
    ids: (client) =>
      pages(
        paginateListMonitoringSchedules({ client, ...PAGE }, {}),
        (p) => p.MonitoringScheduleSummaries,
        'MonitoringScheduleName',
        'MonitoringScheduleArn',
      ),
    taggingType: 'sagemaker:monitoring-schedule',
    describe: (client, id) => client.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: id })),
    arnField: 'MonitoringScheduleArn',
    nameField: 'MonitoringScheduleName',
  },
  'AWS::SageMaker::DataQualityJobDefinition': {
    actions: ['sagemaker:ListDataQualityJobDefinitions', 'sagemaker:DescribeDataQualityJobDefinition'],
    ids: (client) =>
      pages(
        paginateListDataQualityJobDefinitions({ client, ...PAGE }, {}),
        (p) => p.JobDefinitionSummaries,
        'MonitoringJobDefinitionName',
        'MonitoringJobDefinitionArn',
      ),
    taggingType: 'sagemaker:data-quality-job-definition',
    describe: (client, id) => client.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: id })),
    arnField: 'JobDefinitionArn',
    nameField: 'JobDefinitionName',
  },
  'AWS::SageMaker::ModelQualityJobDefinition': {
    actions: ['sagemaker:ListModelQualityJobDefinitions', 'sagemaker:DescribeModelQualityJobDefinition'],
    ids: (client) =>
      pages(
        paginateListModelQualityJobDefinitions({ client, ...PAGE }, {}),
        (p) => p.JobDefinitionSummaries,
        'MonitoringJobDefinitionName',
        'MonitoringJobDefinitionArn',
      ),
    taggingType: 'sagemaker:model-quality-job-definition',
    describe: (client, id) => client.send(new DescribeModelQualityJobDefinitionCommand({ JobDefinitionName: id })),
    arnField: 'JobDefinitionArn',
    nameField: 'JobDefinitionName',
  },
  'AWS::SageMaker::ModelBiasJobDefinition': {
    actions: ['sagemaker:ListModelBiasJobDefinitions', 'sagemaker:DescribeModelBiasJobDefinition'],
    ids: (client) =>
      pages(
        paginateListModelBiasJobDefinitions({ client, ...PAGE }, {}),
        (p) => p.JobDefinitionSummaries,
        'MonitoringJobDefinitionName',
        'MonitoringJobDefinitionArn',
      ),
    taggingType: 'sagemaker:model-bias-job-definition',
    describe: (client, id) => client.send(new DescribeModelBiasJobDefinitionCommand({ JobDefinitionName: id })),
    arnField: 'JobDefinitionArn',
    nameField: 'JobDefinitionName',
  },
  'AWS::SageMaker::ModelExplainabilityJobDefinition': {
    actions: ['sagemaker:ListModelExplainabilityJobDefinitions', 'sagemaker:DescribeModelExplainabilityJobDefinition'],
    ids: (client) =>
      pages(
        paginateListModelExplainabilityJobDefinitions({ client, ...PAGE }, {}),
        (p) => p.JobDefinitionSummaries,
        'MonitoringJobDefinitionName',
        'MonitoringJobDefinitionArn',
      ),
    taggingType: 'sagemaker:model-explainability-job-definition',
    describe: (client, id) =>
      client.send(new DescribeModelExplainabilityJobDefinitionCommand({ JobDefinitionName: id })),
    arnField: 'JobDefinitionArn',
    nameField: 'JobDefinitionName',
  },
};

/** Describe output → the `configuration` of the Config item. */
export function configurationOf(
  spec: Pick<Spec, 'arnField' | 'cfn'>,
  described: Described,
  tags: Record<string, string>,
): Described {
  const plain = toPlainJson(described);
  let configuration: Described = plain;
  if (spec.cfn) {
    const { drop, rename = {} } = spec.cfn;
    configuration = dictionary();
    for (const [key, value] of Object.entries(plain)) {
      if (key === spec.arnField || drop.includes(key)) continue;
      configuration[own(rename, key) ?? key] = value;
    }
    if (plain[spec.arnField]) configuration.Id = plain[spec.arnField];
  }
  const tagList = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  if (tagList.length > 0) configuration.Tags = tagList;
  return configuration;
}

export function sagemakerDirectAdapter(resourceType: string): DirectAdapter {
  const spec = SPECS[resourceType];
  if (!spec) throw new Error(`no direct SageMaker adapter for ${resourceType}`);

  async function itemOf(context: SageMakerContext, id: string): Promise<ConfigItem | undefined> {
    const sagemaker = sagemakerOf(context);
    let described: Described;
    try {
      described = await spec!.describe(sagemaker, id);
    } catch (error) {
      // Deleted between List and Describe, or asked for by a lookup: not there, not an error.
      if (isGone(error)) return undefined;
      throw error;
    }
    const arn = String(described[spec!.arnField] ?? '');
    const tags = arn ? await tagsOf(sagemaker, arn) : {};
    const item = inventoryItem(resourceType, id, arn, tags, configurationOf(spec!, described, tags), context);
    const name = described[spec!.nameField];
    if (typeof name === 'string' && name) item.resourceName = name;
    return item;
  }

  return {
    resourceType,
    // A listing reads tags through the Tagging API, checked with ListTags (tags.ts); `get` (one
    // resource, for `record` and lookups) through the Describe call and sagemaker:ListTags.
    actions: { list: [spec.actions[0]], describe: [spec.actions[1]], tags: TAG_ACTIONS },
    tagging: { type: spec.taggingType },
    async list(context: SageMakerContext) {
      const sagemaker = sagemakerOf(context);
      const listed: Listed[] = [];
      for await (const page of spec.ids(sagemaker)) append(listed, page);
      return assembleItems(resourceType, listed, context, {
        taggingType: spec.taggingType,
        describe: (id) => spec.describe(sagemaker, id),
        configuration: (merged, tags) => configurationOf(spec, merged, tags),
        arnOf: (merged) => (typeof merged[spec.arnField] === 'string' ? merged[spec.arnField] : undefined),
        nameOf: (merged) => (typeof merged[spec.nameField] === 'string' ? merged[spec.nameField] : undefined),
      });
    },
    get: (context: SageMakerContext, resourceId: string) => itemOf(context, resourceId),
  };
}
