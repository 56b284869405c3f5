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
import * as v from 'valibot';

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

/** A valibot issue's path as keys. */
const keysOf = (issue: v.BaseIssue<unknown>): PropertyKey[] => (issue.path ?? []).map((p) => p.key as PropertyKey);

function check(schema: Schema, value: unknown, root: string, item: ConfigItem): void {
  // The first issue only: each schema stops at its first, so a failed union holds one per branch.
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return;
  let issue: v.BaseIssue<unknown> = result.issues[0];
  const path = keysOf(issue);
  // A union (a hook list or a single hook) failed: name the field of the branch that got furthest.
  while (issue.type === 'union' && issue.issues && issue.issues.length > 0) {
    const deepest = [...issue.issues].sort((a, b) => keysOf(b).length - keysOf(a).length)[0];
    if (!deepest || keysOf(deepest).length === 0) break;
    append(path, keysOf(deepest));
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
