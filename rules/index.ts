// The registry: every rule of the pack, explicitly. The Lambda bundles, the command, the tests,
// the README table and the deploy all read this list.
import type { Rule } from './_core/rule.js';
import s3BucketKmsEncryption from './s3-bucket-kms-encryption.js';
import s3BucketLoggingEnabled from './s3-bucket-logging-enabled.js';
import s3BucketObjectLock from './s3-bucket-object-lock.js';
import s3BucketPublicAccessBlocked from './s3-bucket-public-access-blocked.js';
import s3BucketSslRequestsOnly from './s3-bucket-ssl-requests-only.js';
import s3BucketVersioningEnabled from './s3-bucket-versioning-enabled.js';
import sagemakerEndpointConfigDataCapture from './sagemaker-endpoint-config-data-capture.js';
import sagemakerEndpointConfigKmsKey from './sagemaker-endpoint-config-kms-key.js';
import sagemakerEndpointTagged from './sagemaker-endpoint-tagged.js';
import sagemakerModelNetworkIsolation from './sagemaker-model-network-isolation.js';
import sagemakerNotebookKmsKey from './sagemaker-notebook-kms-key.js';
import sagemakerNotebookNoDirectInternet from './sagemaker-notebook-no-direct-internet.js';
import sagemakerTrainingJobVolumeKms from './sagemaker-training-job-volume-kms.js';
import sagemakerNotebookInVpc from './sagemaker-notebook-in-vpc.js';
import sagemakerNotebookRootAccessDisabled from './sagemaker-notebook-root-access-disabled.js';
import sagemakerNotebookPlatformSupported from './sagemaker-notebook-platform-supported.js';
import sagemakerNotebookLifecycleNoSecrets from './sagemaker-notebook-lifecycle-no-secrets.js';
import sagemakerDomainVpcOnly from './sagemaker-domain-vpc-only.js';
import sagemakerDomainKmsKey from './sagemaker-domain-kms-key.js';
import sagemakerDomainSsoAuth from './sagemaker-domain-sso-auth.js';
import sagemakerEndpointConfigProdInstanceCount from './sagemaker-endpoint-config-prod-instance-count.js';
import sagemakerEndpointConfigNetworkIsolation from './sagemaker-endpoint-config-network-isolation.js';
import sagemakerEndpointMonitoringScheduled from './sagemaker-endpoint-monitoring-scheduled.js';
import sagemakerInferenceExperimentKmsKey from './sagemaker-inference-experiment-kms-key.js';
import sagemakerModelInVpc from './sagemaker-model-in-vpc.js';
import sagemakerModelPrivateRegistry from './sagemaker-model-private-registry.js';
import sagemakerModelArtifactVersionedBucket from './sagemaker-model-artifact-versioned-bucket.js';
import sagemakerTrainingJobOutputKms from './sagemaker-training-job-output-kms.js';
import sagemakerTrainingJobInterContainerEncryption from './sagemaker-training-job-inter-container-encryption.js';
import sagemakerTrainingJobNetworkIsolation from './sagemaker-training-job-network-isolation.js';
import sagemakerTrainingJobInVpc from './sagemaker-training-job-in-vpc.js';
import sagemakerMonitoringJobEncryptInTransit from './sagemaker-monitoring-job-encrypt-in-transit.js';
import sagemakerMonitoringJobNetworkIsolation from './sagemaker-monitoring-job-network-isolation.js';
import sagemakerMonitoringJobKmsKey from './sagemaker-monitoring-job-kms-key.js';
import sagemakerFeatureGroupOfflineKms from './sagemaker-feature-group-offline-kms.js';
import sagemakerFeatureGroupOnlineKms from './sagemaker-feature-group-online-kms.js';
import sagemakerResourceTagged from './sagemaker-resource-tagged.js';
import sagemakerPipelineTagged from './sagemaker-pipeline-tagged.js';
import sagemakerPipelineStepsEncrypted from './sagemaker-pipeline-steps-encrypted.js';
import sagemakerModelPackageGroupApproval from './sagemaker-model-package-group-approval.js';
export const rules: readonly Rule[] = [
  sagemakerEndpointConfigKmsKey,
  sagemakerNotebookKmsKey,
  sagemakerNotebookNoDirectInternet,
  sagemakerModelNetworkIsolation,
  sagemakerEndpointConfigDataCapture,
  s3BucketVersioningEnabled,
  s3BucketKmsEncryption,
  s3BucketPublicAccessBlocked,
  s3BucketSslRequestsOnly,
  s3BucketLoggingEnabled,
  s3BucketObjectLock,
  sagemakerEndpointTagged,
  sagemakerTrainingJobVolumeKms,
  sagemakerNotebookInVpc,
  sagemakerNotebookRootAccessDisabled,
  sagemakerNotebookPlatformSupported,
  sagemakerNotebookLifecycleNoSecrets,
  sagemakerDomainVpcOnly,
  sagemakerDomainKmsKey,
  sagemakerDomainSsoAuth,
  sagemakerEndpointConfigProdInstanceCount,
  sagemakerEndpointConfigNetworkIsolation,
  sagemakerEndpointMonitoringScheduled,
  sagemakerInferenceExperimentKmsKey,
  sagemakerModelInVpc,
  sagemakerModelPrivateRegistry,
  sagemakerModelArtifactVersionedBucket,
  sagemakerTrainingJobOutputKms,
  sagemakerTrainingJobInterContainerEncryption,
  sagemakerTrainingJobNetworkIsolation,
  sagemakerTrainingJobInVpc,
  sagemakerMonitoringJobEncryptInTransit,
  sagemakerMonitoringJobNetworkIsolation,
  sagemakerMonitoringJobKmsKey,
  sagemakerFeatureGroupOfflineKms,
  sagemakerFeatureGroupOnlineKms,
  sagemakerResourceTagged,
  sagemakerPipelineTagged,
  sagemakerPipelineStepsEncrypted,
  sagemakerModelPackageGroupApproval,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
