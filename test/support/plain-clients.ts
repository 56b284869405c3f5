// Region clients with nothing but a Region, for tests that mock the SDK clients by class
// (`mockClient(ConfigServiceClient)`...): every client a command builds answers from those mocks.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { STSClient } from '@aws-sdk/client-sts';
import type { RegionClients } from '../../cli/live-sources.js';

export const plainRegionClients = (region: string): RegionClients => ({
  region,
  config: new ConfigServiceClient({ region }),
  sagemaker: new SageMakerClient({ region }),
  s3: new S3Client({ region }),
  sts: new STSClient({ region }),
  tagging: new ResourceGroupsTaggingAPIClient({ region }),
});
