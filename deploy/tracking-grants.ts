// What the capture function calls (rules/_tracking), as IAM actions, read from the code's own
// tables so a new Describe or List call brings its grant:
//  - the Describe calls and extra reads of each type (DESCRIBE_ACTIONS), and ListTags for its tags;
//  - the reconcile's List calls (LIST_ACTIONS);
//  - Config: GetResourceConfigHistory (the current item, to skip unchanged resources),
//    PutResourceConfig, DeleteResourceConfig and ListDiscoveredResources (what Config holds, for
//    the reconcile's deletions). None of the four takes a resource ARN: the Service Authorization
//    Reference lists no resource type for them, so they take Resource "*"
//    (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsconfig.html).
// In a member account (organization mode) the member role also grants DescribeType, for the
// schema versions registered there (rules/_tracking/schema-versions.ts).
import { DESCRIBE_ACTIONS } from '../rules/_tracking/describe.js';
import { LIST_ACTIONS } from '../rules/_tracking/reconcile.js';

export const RECORDING_ACTIONS = [
  'config:DeleteResourceConfig',
  'config:GetResourceConfigHistory',
  'config:ListDiscoveredResources',
  'config:PutResourceConfig',
] as const;

/** Tags of a described resource (rules/_inventory/tags.ts tagsOf). */
export const TAG_ACTIONS = ['sagemaker:ListTags'] as const;

/** The actions the capture function calls in the account it records. */
export function captureActions(): string[] {
  return [
    ...new Set([
      ...Object.values(DESCRIBE_ACTIONS).flat(),
      ...Object.values(LIST_ACTIONS).flat(),
      ...TAG_ACTIONS,
      ...RECORDING_ACTIONS,
    ]),
  ].sort();
}

/** What the member role adds for the capture in a member account. */
export function memberCaptureActions(): string[] {
  return [...captureActions(), 'cloudformation:DescribeType'].sort();
}
