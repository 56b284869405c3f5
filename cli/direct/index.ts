// Direct adapters: for resource types AWS Config records, an item shaped like Config's own item,
// read straight from the service API. `ml-config-rules scan` and `record` use them when the
// account has no configuration recorder (or the recorder leaves the type out), so a rule sees
// the same shape either way. They are never bundled into a rule's Lambda function: in Lambda,
// recorded types always come from Config.
import type { InventoryAdapter, InventoryContext } from '../../rules/_core/inventory.js';
import type { ConfigItem } from '../../rules/_core/items.js';

export interface DirectAdapter extends InventoryAdapter {
  /** One resource by its Config resource id; undefined when it does not exist. */
  get(context: InventoryContext, resourceId: string): Promise<ConfigItem | undefined>;
}

export type DirectLoaders = Record<string, () => Promise<DirectAdapter>>;

/** SageMaker types with a direct adapter (see sagemaker.ts); the other recorded types have none yet. */
export const SAGEMAKER_DIRECT_TYPES = [
  'AWS::SageMaker::EndpointConfig',
  'AWS::SageMaker::Model',
  'AWS::SageMaker::NotebookInstance',
  'AWS::SageMaker::NotebookInstanceLifecycleConfig',
  'AWS::SageMaker::Domain',
  'AWS::SageMaker::FeatureGroup',
  'AWS::SageMaker::InferenceExperiment',
  'AWS::SageMaker::MonitoringSchedule',
  'AWS::SageMaker::DataQualityJobDefinition',
  'AWS::SageMaker::ModelQualityJobDefinition',
  'AWS::SageMaker::ModelBiasJobDefinition',
  'AWS::SageMaker::ModelExplainabilityJobDefinition',
] as const;

export const directLoaders: DirectLoaders = {
  'AWS::S3::Bucket': () => import('./s3-buckets.js').then((m) => m.default),
  ...Object.fromEntries(
    SAGEMAKER_DIRECT_TYPES.map((type) => [
      type,
      () => import('./sagemaker.js').then((m) => m.sagemakerDirectAdapter(type)),
    ]),
  ),
};
