// Sources backed by the caller's AWS account (standard credential chain, region settings and
// AWS_ENDPOINT_URL), for events that need Config or the SageMaker API.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { clientConfig } from '../rules/_core/clients.js';
import { configSources } from '../rules/_core/config-sources.js';
import type { Sources } from '../rules/_core/engine.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';

export function awsSources(): Sources {
  return configSources({ config: new ConfigServiceClient(clientConfig()), inventory: inventoryLoaders });
}
