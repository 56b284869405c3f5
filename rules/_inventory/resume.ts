// Where a chained link (rules/_core/continuation.ts) takes a listing up again: the endpoint and
// training-job listings are read newest first by CreationTime, so "the resources created at or
// before T, less those at T already evaluated" is the rest of the listing. The filters are
// documented: ListEndpoints' and ListTrainingJobs' CreationTimeBefore
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListEndpoints.html,
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html) and a
// Search filter on CreationTime, whose value for a timestamp is `YYYY-mm-dd'T'HH:MM:SS`
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Filter.html).
// Whether CreationTimeBefore includes its own instant is not documented, and the Search filter
// counts whole seconds: the filters ask for a second more than needed, and the resources
// evaluated already are left out here, by their own creation time.
import type { SearchExpression } from '@aws-sdk/client-sagemaker';
import type { Listed } from './sagemaker.js';
import { time } from './search.js';

/** A listing's resume position: resources created at or before this time, less the ids done at it. */
export interface ListingResume {
  createdBefore: string;
  doneAt?: readonly string[];
}

/** The filter's bound: the next whole second after `createdBefore`, and one more. */
export function filterBound(resume: ListingResume): Date {
  return new Date(Math.floor(Date.parse(resume.createdBefore) / 1000) * 1000 + 2000);
}

/** Search's expression for the same bound. */
export function searchBefore(resume: ListingResume): SearchExpression {
  return {
    Filters: [{ Name: 'CreationTime', Operator: 'LessThan', Value: filterBound(resume).toISOString().slice(0, 19) }],
  };
}

/** Whether a listed resource is still to be evaluated: created before the position, or at it and not done. */
export function stillToDo(resume: ListingResume): (listed: Listed) => boolean {
  const at = Date.parse(resume.createdBefore);
  const done = new Set(resume.doneAt ?? []);
  return ({ id, summary }) => {
    const created = time(summary.CreationTime);
    // A summary without a creation time cannot be placed: evaluated again rather than lost.
    if (created === undefined) return true;
    return created < at || (created === at && !done.has(id));
  };
}
