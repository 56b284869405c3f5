// What `scan` says when a read worked around a wrong source: GetResources leaves out endpoints
// that ListTags shows tagged, so their tags come from ListTags, the verdicts stand, and stderr
// has one line for it, whatever the output format and however many rules shared the listing.
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  DescribeEndpointCommand,
  ListEndpointsCommand,
  ListMonitoringSchedulesCommand,
  ListTagsCommand,
  SageMakerClient,
  SearchCommand,
} from '@aws-sdk/client-sagemaker';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scanCommand } from '../cli/commands/scan.js';
import { listTagsFrom, type TaggedResource } from './support/tagging.js';

const ACCOUNT = '123456789012';
const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/${name}`;
const ENDPOINTS: TaggedResource[] = [
  { arn: arnOf('fraud-scorer-prod'), tags: { team: 'fraud', 'ml-pipeline': 'fraud-detection' } },
  { arn: arnOf('fraud-scorer-shadow'), tags: { team: 'fraud' } },
  { arn: arnOf('churn-predictor'), tags: { team: 'churn' } },
];
const CREATED = new Date('2026-11-01T09:10:02Z');

describe('scan warnings', () => {
  const config = mockClient(ConfigServiceClient);
  const sagemaker = mockClient(SageMakerClient);
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  const sts = mockClient(STSClient);
  let stderr: string;
  let stdout: string;

  beforeEach(() => {
    stderr = '';
    stdout = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      stderr += String(chunk);
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      stdout += String(chunk);
      return true;
    });
    sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    const endpoint = (arn: string) => ({
      EndpointName: arn.split('/').pop()!,
      EndpointArn: arn,
      EndpointStatus: 'InService' as const,
      CreationTime: CREATED,
      LastModifiedTime: CREATED,
    });
    sagemaker.on(ListEndpointsCommand).resolves({ Endpoints: ENDPOINTS.map((e) => endpoint(e.arn)) });
    sagemaker.on(SearchCommand).resolves({ Results: [] });
    sagemaker.on(DescribeEndpointCommand).callsFake((input) => ({
      ...endpoint(arnOf(input.EndpointName)),
      EndpointConfigName: `${input.EndpointName}-config`,
    }));
    sagemaker.on(ListMonitoringSchedulesCommand).resolves({ MonitoringScheduleSummaries: [] });
    sagemaker.on(ListTagsCommand).callsFake(listTagsFrom(() => ENDPOINTS));
    // GetResources answers nothing for endpoints, as where it would not cover the type.
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    config.reset();
    sagemaker.reset();
    tagging.reset();
    sts.reset();
    process.exitCode = undefined;
  });
  afterAll(() => {
    config.restore();
    sagemaker.restore();
    tagging.restore();
    sts.restore();
  });

  for (const format of ['json', 'table'] as const)
    it(`prints one line for a listing two rules share, with ${format} output, and keeps the verdicts`, async () => {
      await scanCommand({
        rule: ['sagemaker-endpoint-tagged', 'sagemaker-endpoint-monitoring-scheduled'],
        region: ['us-east-1'],
        format,
        concurrency: '8',
        tag: 'team=fraud',
      });
      expect(stderr.split('\n').filter(Boolean)).toEqual([
        'ml-config-rules: warning (us-east-1): tags of sagemaker:endpoint: GetResources left out fraud-scorer-prod, ' +
          'fraud-scorer-shadow, ' +
          'which ListTags shows with the scope tag team; GetResources does not cover this type here, so every ' +
          'listed resource it leaves out is read with ListTags, one call each',
      ]);
      if (format === 'json') {
        const rows = JSON.parse(stdout) as { rule: string; ComplianceResourceId: string; ComplianceType: string }[];
        // The endpoints of team fraud are in scope (no monitoring schedule on either); churn's is not evaluated.
        expect(rows.map((r) => [r.rule, r.ComplianceResourceId, r.ComplianceType])).toEqual([
          ['sagemaker-endpoint-tagged', 'fraud-scorer-prod', 'COMPLIANT'],
          ['sagemaker-endpoint-tagged', 'fraud-scorer-shadow', 'COMPLIANT'],
          ['sagemaker-endpoint-monitoring-scheduled', 'fraud-scorer-prod', 'NON_COMPLIANT'],
          ['sagemaker-endpoint-monitoring-scheduled', 'fraud-scorer-shadow', 'NON_COMPLIANT'],
        ]);
      }
      expect(sagemaker.commandCalls(ListTagsCommand)).toHaveLength(ENDPOINTS.length);
    });
});
