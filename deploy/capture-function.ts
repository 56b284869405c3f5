// The capture function of tracking (rules/_tracking/handler.ts): its bundle, a log group of
// bounded retention, a least-privilege role and the function. It records the tracked resources an
// event names, and reconciles every tracked type once a day.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { MEMBER_ROLE_ENV } from '../rules/_core/cross-account.js';
import { TRACKING_ENV } from '../rules/_tracking/handler.js';
import type { TrackerCode } from './bundles.js';
import type { StackConfig } from './config.js';
import { functionLogGroupName, trackingFunctionName, trackingRoleName } from './names.js';
import { statementsFor, type PolicyStatement } from './permissions.js';
import { serviceTrust } from './policy.js';
import { sizedPolicy } from './quotas.js';
import type { AccountEnv } from './rule-pack.js';
import { captureActions } from './tracking-grants.js';

/**
 * Sized for the reconcile, the longest run: it lists every tracked type and describes each
 * resource listed (8 at a time, reconcile.ts) and reads its current item, some 4 calls per
 * resource, up to tens of thousands in an account near Config's cap. So Lambda's longest timeout,
 * 900 seconds (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html), and 1,024
 * MB: Lambda allocates CPU in proportion to memory
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html), and the run parses
 * every Describe output and holds the listed ids. One event's capture makes a few calls.
 */
export const CAPTURE_MEMORY_MB = 1024;
export const CAPTURE_TIMEOUT_SECONDS = 900;

export interface CaptureFunctionArgs {
  config: StackConfig;
  env: AccountEnv;
  code: TrackerCode;
  /** JSON of the registered version of each type (registrations.ts). */
  schemaVersions: pulumi.Input<string>;
  /** Organization mode: the organization's id, which binds the member-role grant ('' when unknown). */
  organizationId?: pulumi.Input<string>;
}

export interface CaptureFunction {
  fn: aws.lambda.Function;
  role: aws.iam.Role;
  rolePolicy: aws.iam.RolePolicy;
  logGroup: aws.cloudwatch.LogGroup;
}

export function captureFunction(name: string, args: CaptureFunctionArgs, parent: pulumi.Resource): CaptureFunction {
  const { config, env } = args;
  const p = config.namePrefix;
  const fnName = trackingFunctionName(p);
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { name: functionLogGroupName(fnName), retentionInDays: config.logRetentionDays },
    { parent },
  );
  const role = new aws.iam.Role(
    `${name}-role`,
    {
      name: trackingRoleName(p),
      description: 'Runs the ML config rules capture function: records tracked SageMaker resources in AWS Config.',
      assumeRolePolicy: serviceTrust('lambda.amazonaws.com'),
    },
    { parent },
  );
  const scope = pulumi
    .all([env.partition, env.region, env.accountId])
    .apply(([partition, region, accountId]) => ({ partition, region, accountId }));
  const organization = config.organization;
  const statements = pulumi
    .all([logGroup.arn, scope, args.organizationId ?? ''])
    .apply(([logGroupArn, own, org]): PolicyStatement[] => [
      // SageMaker's Describe calls and ListTags on this account's and Region's ARNs; the List
      // calls and Config's recording calls take none (permissions.ts scopedResource).
      ...statementsFor(captureActions(), 'Capture', own),
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `${logGroupArn}:*`,
      },
      // As the rule functions (rule-pack.ts): a forwarded event is recorded in its own account.
      ...(organization
        ? [
            {
              Sid: 'AssumeMemberRole',
              Effect: 'Allow' as const,
              Action: 'sts:AssumeRole',
              Resource: `arn:${own.partition}:iam::*:role/${config.memberRoleName}`,
              ...(org ? { Condition: { StringEquals: { 'aws:ResourceOrgID': org } } } : {}),
            },
          ]
        : []),
    ]);
  const rolePolicy = new aws.iam.RolePolicy(
    `${name}-policy`,
    {
      role: role.name,
      policy: sizedPolicy(
        'role inline',
        'role of the capture function',
        statements,
        'report this as a bug: the grant does not grow with configuration',
      ),
    },
    { parent },
  );
  const fn = new aws.lambda.Function(
    `${name}-function`,
    {
      name: fnName,
      description: 'Records SageMaker training jobs, endpoints, pipelines and model packages in AWS Config.',
      role: role.arn,
      runtime: config.lambdaRuntime,
      architectures: ['arm64'],
      handler: 'index.handler',
      code: args.code(),
      memorySize: CAPTURE_MEMORY_MB,
      timeout: CAPTURE_TIMEOUT_SECONDS,
      loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
      environment: {
        variables: {
          [TRACKING_ENV.namespace]: config.trackingNamespace,
          [TRACKING_ENV.schemaVersions]: args.schemaVersions,
          [TRACKING_ENV.retentionDays]: String(config.trackingRetentionDays),
          ...(organization ? { [MEMBER_ROLE_ENV]: config.memberRoleName } : {}),
        },
      },
    },
    { parent, dependsOn: [logGroup, rolePolicy] },
  );
  return { fn, role, rolePolicy, logGroup };
}
