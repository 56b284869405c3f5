// What the training-job rules share: SageMaker training jobs are not recorded by Config, so each
// rule lists them daily through the inventory adapter (jobs created in the last lookbackDays) and
// reports its evaluations under the account, as Config refuses evaluations for the type
// (docs/evaluation-types.md). A rule spreads the preset and adds its own parameters to
// `trainingJobParameters`; the rest of its metadata is its own.
import { param } from './params.js';
import type { Rule } from './rule.js';

export const trainingJobPreset: Pick<Rule, 'resourceTypes' | 'trigger' | 'source' | 'reportedAs'> = {
  resourceTypes: ['AWS::SageMaker::TrainingJob'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  reportedAs: 'AWS::::Account',
};

/** The training-job rules' common parameter, lookbackDays: which jobs the adapter lists (spread after the rule's own). */
export const trainingJobParameters = { lookbackDays: param.lookbackDays() };

/** The end of each training-job rule's remediation: a job's settings are fixed once it is created. */
export const newJobsOnly =
  'Existing jobs cannot be changed; the rule passes again as new jobs replace the lookbackDays window.';
