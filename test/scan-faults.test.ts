// Faults a scan meets, through the real SDK stack at a loopback endpoint: an API the endpoint does
// not offer (an HTML error page, HTTP 501) or a denied call fails only the rules that need it,
// with one line naming the API, the Region and, for a denial, the action to grant; nothing that
// cannot change is retried; throttling and JSON 5xx answers are retried as the SDK does.
import { afterEach, describe, expect, it } from 'vitest';
import { runScan } from '../cli/scan/run.js';
import { errorText } from '../cli/aws-errors.js';
import { isUnavailableApi } from '../rules/_core/clients.js';
import { ruleById } from '../rules/index.js';
import {
  ACCOUNT,
  awsError,
  htmlPage,
  json,
  paged,
  startFakeAws,
  type FakeAws,
  type Handler,
} from './support/fake-aws.js';

const CREATED = 1_763_985_600;
const names = ['fraud-scorer-prod', 'churn-predictor'];
const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/${name}`;
const endpointHandlers: Record<string, Handler> = {
  ListEndpoints: paged(
    () =>
      names.map((EndpointName) => ({
        EndpointName,
        EndpointArn: arnOf(EndpointName),
        EndpointStatus: 'InService',
        CreationTime: CREATED,
        LastModifiedTime: CREATED,
      })),
    'Endpoints',
  ),
  GetResources: () =>
    json({
      ResourceTagMappingList: [{ ResourceARN: arnOf('fraud-scorer-prod'), Tags: [{ Key: 'team', Value: 'risk-ml' }] }],
    }),
  DescribeEndpoint: (input) =>
    json({
      EndpointName: input.EndpointName,
      EndpointArn: arnOf(input.EndpointName),
      EndpointConfigName: 'c',
      EndpointStatus: 'InService',
      ProductionVariants: [{ VariantName: 'AllTraffic' }],
      CreationTime: CREATED,
      LastModifiedTime: CREATED,
    }),
  ListMonitoringSchedules: () => json({ MonitoringScheduleSummaries: [] }),
  // Asked about the untagged endpoint GetResources leaves out: it has no tags.
  ListTags: () => json({ Tags: [] }),
};

let aws: FakeAws | undefined;
afterEach(async () => {
  await aws?.close();
  aws = undefined;
});

const scan = async (
  handlers: Record<string, Handler>,
  ids = ['sagemaker-endpoint-tagged', 'sagemaker-endpoint-monitoring-scheduled'],
) => {
  aws = await startFakeAws({ ...endpointHandlers, ...handlers });
  const clients = aws.clients('us-east-1');
  const run = await runScan({
    rules: ids.map((id) => ruleById(id)!),
    regions: ['us-east-1'],
    clientsFor: () => clients,
  });
  return Object.fromEntries(run.results.map((r) => [r.rule, r]));
};

describe('an API the endpoint does not offer', () => {
  it('fails only the rule that reads it, after one attempt, with one line naming the API and the Region', async () => {
    const results = await scan({ ListMonitoringSchedules: () => htmlPage(500) });
    expect(aws!.count('ListMonitoringSchedules')).toBe(1);
    expect(results['sagemaker-endpoint-monitoring-scheduled']!.error).toBe(
      'AWS::SageMaker::Endpoint monitoring schedules: ListMonitoringSchedules in us-east-1: not offered by this endpoint (HTTP 500, an HTML page)',
    );
    // No verdict was made up for the rule that failed; the tag rule's verdicts stand.
    expect(results['sagemaker-endpoint-monitoring-scheduled']!.evaluations).toEqual([]);
    expect(results['sagemaker-endpoint-tagged']!.error).toBeUndefined();
    expect(
      results['sagemaker-endpoint-tagged']!.evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType]),
    ).toEqual([
      ['fraud-scorer-prod', 'COMPLIANT'],
      ['churn-predictor', 'NON_COMPLIANT'],
    ]);
  });

  it('is not retried on HTTP 501 either', async () => {
    const results = await scan(
      { ListMonitoringSchedules: () => awsError(501, 'NotImplemented', 'ListMonitoringSchedules is not implemented') },
      ['sagemaker-endpoint-monitoring-scheduled'],
    );
    expect(aws!.count('ListMonitoringSchedules')).toBe(1);
    expect(results['sagemaker-endpoint-monitoring-scheduled']!.error).toMatch(
      /ListMonitoringSchedules in us-east-1: not offered by this endpoint \(HTTP 501 Not Implemented\)$/,
    );
  });

  it('is told apart from a service error that retries can fix', () => {
    expect(isUnavailableApi({ name: 'SyntaxError', $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isUnavailableApi({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } })).toBe(true);
    expect(isUnavailableApi({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } })).toBe(false);
    expect(isUnavailableApi({ name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } })).toBe(false);
    expect(isUnavailableApi({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } })).toBe(false);
  });
});

describe('a denied call', () => {
  it('fails only the rule that needs it, naming the IAM action to grant, without retries', async () => {
    const denied = () =>
      awsError(
        400,
        'AccessDeniedException',
        'User: arn:aws:iam::123456789012:role/ci is not authorized to perform: tag:GetResources',
      );
    const results = await scan({ GetResources: denied });
    expect(aws!.count('GetResources')).toBe(1);
    expect(results['sagemaker-endpoint-tagged']!.error).toBe(
      'AWS::SageMaker::Endpoint tags: GetResources in us-east-1: access denied; grant tag:GetResources',
    );
    expect(results['sagemaker-endpoint-monitoring-scheduled']!.error).toBeUndefined();
    expect(results['sagemaker-endpoint-monitoring-scheduled']!.evaluations).toHaveLength(2);
  });

  it('names the S3 action where it differs from the operation', () => {
    const error = Object.assign(new Error('Access Denied'), {
      name: 'AccessDenied',
      operation: 'GetBucketEncryption',
      service: 's3',
      region: 'eu-west-1',
      $metadata: { httpStatusCode: 403 },
    });
    expect(errorText(error)).toBe(
      'GetBucketEncryption in eu-west-1: access denied; grant s3:GetEncryptionConfiguration',
    );
  });
});

describe('answers a retry can change', () => {
  it('retries throttling and a JSON 5xx, then uses the answer', async () => {
    const flaky: Handler = (input, call) =>
      call === 0
        ? awsError(400, 'ThrottlingException', 'Rate exceeded')
        : call === 1
          ? awsError(500, 'InternalFailure', 'We encountered an internal error. Please try again.')
          : endpointHandlers.ListEndpoints!(input, call);
    const results = await scan({ ListEndpoints: flaky }, ['sagemaker-endpoint-tagged']);
    expect(aws!.count('ListEndpoints')).toBe(3);
    expect(results['sagemaker-endpoint-tagged']!.error).toBeUndefined();
    expect(results['sagemaker-endpoint-tagged']!.evaluations).toHaveLength(2);
  });
});
