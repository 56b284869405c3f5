// A configuration item is validated against its resource type's schema before a rule sees it:
// a malformed item (a configuration that is not an object, a field of the wrong type) is not a
// resource state, so it fails the invocation with InvalidConfigurationError instead of getting a
// verdict. Only the fields the rules read are checked; extra fields are allowed.
import { awsTypeOf } from '../../_tracking/names.js';
import { InvalidConfigurationError } from '../errors.js';
import type { ConfigItem } from '../items.js';
import { own } from '../own.js';
import { configuration, type Schema } from './fields.js';
import { notebookInstance, notebookInstanceLifecycleConfig } from './notebook.js';
import { bucketSupplementary } from './s3.js';
import * as sagemaker from './sagemaker.js';
import { append } from '../arrays.js';

/** Schemas of `configuration` by resource type; a type without one only needs an object. */
export const CONFIGURATION_SCHEMAS: Readonly<Record<string, Schema>> = {
  'AWS::SageMaker::NotebookInstance': notebookInstance,
  'AWS::SageMaker::NotebookInstanceLifecycleConfig': notebookInstanceLifecycleConfig,
  'AWS::SageMaker::Domain': sagemaker.domain,
  'AWS::SageMaker::EndpointConfig': sagemaker.endpointConfig,
  'AWS::SageMaker::Endpoint': sagemaker.endpoint,
  'AWS::SageMaker::FeatureGroup': sagemaker.featureGroup,
  'AWS::SageMaker::InferenceExperiment': sagemaker.inferenceExperiment,
  'AWS::SageMaker::Model': sagemaker.model,
  'AWS::SageMaker::ModelPackageGroup': sagemaker.modelPackageGroup,
  'AWS::SageMaker::Pipeline': sagemaker.pipeline,
  'AWS::SageMaker::TrainingJob': sagemaker.trainingJob,
  ...sagemaker.monitoringJobDefinitions,
};

/** Schemas of `supplementaryConfiguration` by resource type. */
export const SUPPLEMENTARY_SCHEMAS: Readonly<Record<string, Schema>> = {
  'AWS::S3::Bucket': bucketSupplementary,
};

const anyObject = configuration({});

/** What a value is, for an error message; strings are not quoted back (they may hold secrets). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'string') return 'a string';
  return typeof value === 'object' ? 'an object' : typeof value;
}

const fieldPath = (root: string, path: readonly PropertyKey[]) =>
  path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), root);

function check(schema: Schema, value: unknown, root: string, item: ConfigItem): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  let issue = result.error.issues[0]!;
  const path = [...issue.path];
  // A union (a hook list or a single hook) failed: name the field of the branch that got furthest.
  while (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const firsts = issue.errors.flatMap((branch) => branch.slice(0, 1));
    const deepest = firsts.sort((a, b) => b.path.length - a.path.length)[0];
    if (!deepest || deepest.path.length === 0) break;
    append(path, deepest.path);
    issue = deepest;
  }
  let found: unknown = value;
  for (const k of path) found = (found as Record<PropertyKey, unknown> | undefined)?.[k as string];
  throw new InvalidConfigurationError(
    `${item.resourceType} ${item.resourceId}: ${fieldPath(root, path)} must be ${issue.message}, got ${kindOf(found)}`,
  );
}

/** Throws InvalidConfigurationError naming the first field that does not have the expected type. */
export function validateItem(item: ConfigItem): void {
  const type = awsTypeOf(item.resourceType);
  check(own(CONFIGURATION_SCHEMAS, type) ?? anyObject, item.configuration, 'configuration', item);
  const supplementary = own(SUPPLEMENTARY_SCHEMAS, type);
  if (supplementary) check(supplementary, item.supplementaryConfiguration, 'supplementaryConfiguration', item);
}
