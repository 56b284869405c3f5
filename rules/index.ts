// The registry: every rule of the pack, explicitly. The Lambda bundles, the command, the tests,
// the README table and the deploy all read this list. Imports and the list are both in alphabetical
// order of rule id (the registry test checks it; `npm run new-rule` inserts in order).
import type { Rule } from './_core/rule.js';
import s3BucketKmsEncryption from './s3-bucket-kms-encryption.js';
import s3BucketLoggingEnabled from './s3-bucket-logging-enabled.js';
import s3BucketObjectLock from './s3-bucket-object-lock.js';
import s3BucketPublicAccessBlocked from './s3-bucket-public-access-blocked.js';
import s3BucketSslRequestsOnly from './s3-bucket-ssl-requests-only.js';
import s3BucketVersioningEnabled from './s3-bucket-versioning-enabled.js';
import sagemakerDomainKmsKey from './sagemaker-domain-kms-key.js';
import sagemakerDomainSsoAuth from './sagemaker-domain-sso-auth.js';
import sagemakerDomainVpcOnly from './sagemaker-domain-vpc-only.js';
import sagemakerEndpointConfigDataCapture from './sagemaker-endpoint-config-data-capture.js';
import sagemakerEndpointConfigKmsKey from './sagemaker-endpoint-config-kms-key.js';
import sagemakerEndpointConfigNetworkIsolation from './sagemaker-endpoint-config-network-isolation.js';
import sagemakerEndpointConfigProdInstanceCount from './sagemaker-endpoint-config-prod-instance-count.js';
import sagemakerEndpointMonitoringScheduled from './sagemaker-endpoint-monitoring-scheduled.js';
import sagemakerEndpointTagged from './sagemaker-endpoint-tagged.js';
import sagemakerFeatureGroupOfflineKms from './sagemaker-feature-group-offline-kms.js';
import sagemakerFeatureGroupOnlineKms from './sagemaker-feature-group-online-kms.js';
import sagemakerInferenceExperimentKmsKey from './sagemaker-inference-experiment-kms-key.js';
import sagemakerModelArtifactVersionedBucket from './sagemaker-model-artifact-versioned-bucket.js';
import sagemakerModelInVpc from './sagemaker-model-in-vpc.js';
import sagemakerModelNetworkIsolation from './sagemaker-model-network-isolation.js';
import sagemakerModelPackageGroupApproval from './sagemaker-model-package-group-approval.js';
import sagemakerModelPrivateRegistry from './sagemaker-model-private-registry.js';
import sagemakerMonitoringJobEncryptInTransit from './sagemaker-monitoring-job-encrypt-in-transit.js';
import sagemakerMonitoringJobKmsKey from './sagemaker-monitoring-job-kms-key.js';
import sagemakerMonitoringJobNetworkIsolation from './sagemaker-monitoring-job-network-isolation.js';
import sagemakerNotebookInVpc from './sagemaker-notebook-in-vpc.js';
import sagemakerNotebookKmsKey from './sagemaker-notebook-kms-key.js';
import sagemakerNotebookLifecycleNoSecrets from './sagemaker-notebook-lifecycle-no-secrets.js';
import sagemakerNotebookNoDirectInternet from './sagemaker-notebook-no-direct-internet.js';
import sagemakerNotebookPlatformSupported from './sagemaker-notebook-platform-supported.js';
import sagemakerNotebookRootAccessDisabled from './sagemaker-notebook-root-access-disabled.js';
import sagemakerPipelineStepsEncrypted from './sagemaker-pipeline-steps-encrypted.js';
import sagemakerPipelineTagged from './sagemaker-pipeline-tagged.js';
import sagemakerResourceTagged from './sagemaker-resource-tagged.js';
import sagemakerTrainingJobInVpc from './sagemaker-training-job-in-vpc.js';
import sagemakerTrainingJobInterContainerEncryption from './sagemaker-training-job-inter-container-encryption.js';
import sagemakerTrainingJobNetworkIsolation from './sagemaker-training-job-network-isolation.js';
import sagemakerTrainingJobOutputKms from './sagemaker-training-job-output-kms.js';
import sagemakerTrainingJobVolumeKms from './sagemaker-training-job-volume-kms.js';

export const rules: readonly Rule[] = [
  s3BucketKmsEncryption,
  s3BucketLoggingEnabled,
  s3BucketObjectLock,
  s3BucketPublicAccessBlocked,
  s3BucketSslRequestsOnly,
  s3BucketVersioningEnabled,
  sagemakerDomainKmsKey,
  sagemakerDomainSsoAuth,
  sagemakerDomainVpcOnly,
  sagemakerEndpointConfigDataCapture,
  sagemakerEndpointConfigKmsKey,
  sagemakerEndpointConfigNetworkIsolation,
  sagemakerEndpointConfigProdInstanceCount,
  sagemakerEndpointMonitoringScheduled,
  sagemakerEndpointTagged,
  sagemakerFeatureGroupOfflineKms,
  sagemakerFeatureGroupOnlineKms,
  sagemakerInferenceExperimentKmsKey,
  sagemakerModelArtifactVersionedBucket,
  sagemakerModelInVpc,
  sagemakerModelNetworkIsolation,
  sagemakerModelPackageGroupApproval,
  sagemakerModelPrivateRegistry,
  sagemakerMonitoringJobEncryptInTransit,
  sagemakerMonitoringJobKmsKey,
  sagemakerMonitoringJobNetworkIsolation,
  sagemakerNotebookInVpc,
  sagemakerNotebookKmsKey,
  sagemakerNotebookLifecycleNoSecrets,
  sagemakerNotebookNoDirectInternet,
  sagemakerNotebookPlatformSupported,
  sagemakerNotebookRootAccessDisabled,
  sagemakerPipelineStepsEncrypted,
  sagemakerPipelineTagged,
  sagemakerResourceTagged,
  sagemakerTrainingJobInVpc,
  sagemakerTrainingJobInterContainerEncryption,
  sagemakerTrainingJobNetworkIsolation,
  sagemakerTrainingJobOutputKms,
  sagemakerTrainingJobVolumeKms,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
