// Every type the pack records in AWS Config itself (third-party resource recording), because
// Config does not record it: the specs, by SageMaker resource name.
import type { TrackedSpec } from '../schema.js';
import { endpoints } from './endpoints.js';
import { modelPackageGroups } from './model-package-groups.js';
import { modelPackages } from './model-packages.js';
import { pipelineExecutions } from './pipeline-executions.js';
import { pipelines } from './pipelines.js';
import { processingJobs } from './processing-jobs.js';
import { trainingJobs } from './training-jobs.js';

export const TRACKED_SPECS: readonly TrackedSpec[] = [
  trainingJobs,
  processingJobs,
  endpoints,
  pipelines,
  pipelineExecutions,
  modelPackages,
  modelPackageGroups,
];
