// The registry: every rule of the pack, explicitly. The Lambda bundles, the command, the tests,
// the README table and the deploy all read this list.
import type { Rule } from './_core/rule.js';
import s3BucketVersioningEnabled from './s3-bucket-versioning-enabled.js';
import sagemakerEndpointConfigDataCapture from './sagemaker-endpoint-config-data-capture.js';
import sagemakerEndpointConfigKmsKey from './sagemaker-endpoint-config-kms-key.js';
import sagemakerEndpointTagged from './sagemaker-endpoint-tagged.js';
import sagemakerModelNetworkIsolation from './sagemaker-model-network-isolation.js';
import sagemakerNotebookKmsKey from './sagemaker-notebook-kms-key.js';
import sagemakerNotebookNoDirectInternet from './sagemaker-notebook-no-direct-internet.js';
import sagemakerTrainingJobVolumeKms from './sagemaker-training-job-volume-kms.js';

export const rules: readonly Rule[] = [
  sagemakerEndpointConfigKmsKey,
  sagemakerNotebookKmsKey,
  sagemakerNotebookNoDirectInternet,
  sagemakerModelNetworkIsolation,
  sagemakerEndpointConfigDataCapture,
  s3BucketVersioningEnabled,
  sagemakerEndpointTagged,
  sagemakerTrainingJobVolumeKms,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
