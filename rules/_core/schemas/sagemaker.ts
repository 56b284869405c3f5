// SageMaker resource types other than notebooks: the fields their rules read.
import { MONITORING_JOB_DEFINITION_PREFIXES } from '../checks.js';
import { bool, configuration, list, num, obj, objects, str, time, type Schema } from './fields.js';

export const domain = configuration({ KmsKeyId: str(), AuthMode: str(), AppNetworkAccessType: str() });

const variant = { VariantName: str(), InitialInstanceCount: num(), ServerlessConfig: obj({}) };

export const endpointConfig = configuration({
  KmsKeyId: str(),
  EnableNetworkIsolation: bool(),
  DataCaptureConfig: obj({ EnableCapture: bool(), DestinationS3Uri: str(), InitialSamplingPercentage: num() }),
  ProductionVariants: objects(variant),
});

export const endpoint = configuration({
  EndpointStatus: str(),
  ProductionVariants: objects({ CurrentServerlessConfig: obj({}), DesiredServerlessConfig: obj({}) }),
  MonitoringSchedules: objects({ MonitoringScheduleName: str(), MonitoringScheduleStatus: str() }),
});

export const featureGroup = configuration({
  OfflineStoreConfig: obj({ S3StorageConfig: obj({ KmsKeyId: str() }) }),
  OnlineStoreConfig: obj({ EnableOnlineStore: bool(), SecurityConfig: obj({ KmsKeyId: str() }) }),
});

export const inferenceExperiment = configuration({ KmsKey: str(), DataStorageConfig: obj({ KmsKey: str() }) });

const s3DataSource = obj({ S3DataSource: obj({ S3Uri: str() }) });
const container = {
  Image: str(),
  ImageConfig: obj({ RepositoryAccessMode: str() }),
  ModelPackageName: str(),
  ModelDataUrl: str(),
  ModelDataSource: s3DataSource,
  AdditionalModelDataSources: objects({ S3DataSource: obj({ S3Uri: str() }) }),
};
const vpcConfig = obj({ Subnets: list(str()) });

export const model = configuration({
  EnableNetworkIsolation: bool(),
  VpcConfig: vpcConfig,
  PrimaryContainer: obj(container),
  Containers: objects(container),
});

export const modelPackageGroup = configuration({
  LatestModelPackage: obj({
    ModelApprovalStatus: str(),
    ModelPackageVersion: num(),
    ModelPackageArn: str(),
    CreationTime: time(),
    LastModifiedTime: time(),
  }),
});

/** The four Model Monitor job definition types share NetworkConfig and JobResources; output config is prefixed. */
export const monitoringJobDefinition = (prefix: string): Schema =>
  configuration({
    NetworkConfig: obj({ EnableInterContainerTrafficEncryption: bool(), EnableNetworkIsolation: bool() }),
    JobResources: obj({ ClusterConfig: obj({ VolumeKmsKeyId: str() }) }),
    [`${prefix}JobOutputConfig`]: obj({ KmsKeyId: str() }),
  });

export const monitoringJobDefinitions: Record<string, Schema> = Object.fromEntries(
  Object.entries(MONITORING_JOB_DEFINITION_PREFIXES).map(([type, prefix]) => [type, monitoringJobDefinition(prefix)]),
);

// The definition is judged by its rule (an unparsable one is NON_COMPLIANT); only its carrier is checked.
export const pipeline = configuration({});

export const trainingJob = configuration({
  VpcConfig: vpcConfig,
  ResourceConfig: obj({
    VolumeKmsKeyId: str(),
    InstanceCount: num(),
    SelectedInstanceCount: num(),
    InstanceGroups: objects({ InstanceCount: num() }),
  }),
  EnableInterContainerTrafficEncryption: bool(),
  EnableNetworkIsolation: bool(),
  OutputDataConfig: obj({ KmsKeyId: str() }),
});
