// A resource deleted between the listing and its Describe call is left out of a periodic run;
// any other Describe error still fails the run.
import {
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, expect, it } from 'vitest';
import adapter from '../rules/_inventory/training-jobs.js';
import { isGone } from '../rules/_inventory/sagemaker.js';

const sagemaker = mockClient(SageMakerClient);
afterAll(() => sagemaker.restore());
// What the training-job rules read: the Describe output.
const context = () => ({
  params: { lookbackDays: 30 },
  accountId: '123456789012',
  reads: new Set(['describe'] as const),
  sagemaker: new SageMakerClient({ region: 'us-east-1' }),
  now: new Date('2026-11-26T10:00:00Z'),
});

beforeEach(() => {
  sagemaker.reset();
  sagemaker.on(ListTrainingJobsCommand).resolves({
    TrainingJobSummaries: ['churn-xgb-2026-11-20', 'churn-xgb-2026-11-21'].map((TrainingJobName) => ({
      TrainingJobName,
      TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${TrainingJobName}`,
      CreationTime: new Date('2026-11-20T08:00:00Z'),
      TrainingJobStatus: 'Completed',
    })),
  });
  sagemaker.on(ListTagsCommand).resolves({ Tags: [] });
});

it('skips a job deleted between ListTrainingJobs and DescribeTrainingJob', async () => {
  sagemaker
    .on(DescribeTrainingJobCommand, { TrainingJobName: 'churn-xgb-2026-11-20' })
    .rejects(Object.assign(new Error('Requested resource not found.'), { name: 'ResourceNotFound' }));
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'churn-xgb-2026-11-21' }).resolves({
    TrainingJobName: 'churn-xgb-2026-11-21',
    TrainingJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgb-2026-11-21',
    TrainingJobStatus: 'Completed',
  } as any);
  const items = await adapter.list(context());
  expect(items.map((i) => i.resourceId)).toEqual(['churn-xgb-2026-11-21']);
});

it('fails on any other error', async () => {
  sagemaker
    .on(DescribeTrainingJobCommand)
    .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
  await expect(adapter.list(context())).rejects.toThrow('Rate exceeded');
});

it('recognises the ways SageMaker says a resource is gone', () => {
  expect(isGone({ name: 'ValidationException', message: 'Could not find endpoint "fraud-scorer".' })).toBe(true);
  expect(isGone({ name: 'ResourceNotFound', message: 'Pipeline does not exist' })).toBe(true);
  expect(isGone({ name: 'ValidationException', message: '1 validation error detected' })).toBe(false);
  expect(isGone({ name: 'AccessDeniedException', message: 'not found' })).toBe(false);
});
