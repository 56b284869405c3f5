// One loop over the selected rules. Per rule: its bundle, a Lambda function with a log group of
// bounded retention, a least-privilege role (permissions.ts), an invoke permission for Config
// bound to the accounts allowed to call it, the Config rule (or, in organization mode, the
// organization rule) and, where the rule names an SSM document, its remediation.
import { SCHEDULED_FUNCTION_ENV } from './retry-env.js';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { childName, childOptions, nameChildrenOf } from './child-names.js';
import { MEMBER_ROLE_ENV } from '../rules/_core/cross-account.js';
import { SUPPRESSIONS_ENV } from '../rules/_core/suppressions.js';
import { isScheduled } from '../rules/_core/recording.js';
import type { Rule } from '../rules/_core/rule.js';
import type { CodeFor } from './bundles.js';
import { configRuleFor, shortDescription, trackedTypesOfRule } from './config-rule.js';
import type { StackConfig } from './config.js';
import { configRuleName, evaluatorRoleName, functionLogGroupName, functionName } from './names.js';
import { handsOff, runtimeActions, statementsFor, type AdapterActions, type PolicyStatement } from './permissions.js';
import { serviceTrust } from './policy.js';
import { checkPolicySize, sizedPolicy } from './quotas.js';
import { remediationFor } from './remediation.js';

export interface AccountEnv {
  accountId: pulumi.Output<string>;
  partition: pulumi.Output<string>;
  region: pulumi.Output<string>;
}

export interface OrganizationAccess {
  /** Accounts whose Config may invoke the functions: this one and the member accounts. */
  invokingAccounts: pulumi.Output<string[]>;
  /** Accounts the organization rules skip: excludedAccounts, and the management account when excluded. */
  excludedAccounts: pulumi.Output<string[]>;
  /** The organization's id, when known: the member-role grant is bound to roles of that organization. */
  organizationId?: pulumi.Output<string>;
}

export interface RulePackArgs {
  config: StackConfig;
  env: AccountEnv;
  code: CodeFor;
  adapters: Promise<AdapterActions>;
  /** The recorder the Config rules need (absent when the account already records). */
  recorder?: pulumi.Resource;
  organization?: OrganizationAccess;
  /** Organization rules wait for this (the stack set instances that create member recorders). */
  memberRecorders?: pulumi.Resource;
  /** With tracking on: the type registrations, by the AWS type each stands for (a rule on it waits for it). */
  registrations?: Readonly<Record<string, pulumi.Resource>>;
}

export interface DeployedRule {
  rule: Rule;
  name: string;
  role: aws.iam.Role;
  rolePolicy: aws.iam.RolePolicy;
  logGroup: aws.cloudwatch.LogGroup;
  function: aws.lambda.Function;
  /** lambda.Permission for one account; lambda.ResourcePolicy listing every invoking account in organization mode. */
  permission: aws.lambda.Permission | aws.lambda.ResourcePolicy;
  configRule: aws.cfg.Rule | aws.cfg.OrganizationCustomRule;
  remediation?: aws.cfg.RemediationConfiguration;
}

export class RulePack extends pulumi.ComponentResource {
  readonly rules: DeployedRule[];

  constructor(name: string, args: RulePackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('ml-config-rules:deploy:RulePack', name, {}, opts);
    // Inside an MlConfigRules component, children are named under the pack (child-names.ts).
    if (opts?.parent) nameChildrenOf(this, name);
    this.rules = args.config.rules.map((rule) => deployRule(rule, args, this));
    this.registerOutputs({ rules: this.rules.map((r) => r.name) });
  }
}

function deployRule(rule: Rule, args: RulePackArgs, parent: pulumi.Resource): DeployedRule {
  const { config, env } = args;
  const id = rule.id;
  const name = configRuleName(config.namePrefix, id);
  const fnName = functionName(config.namePrefix, id);
  const logGroup = new aws.cloudwatch.LogGroup(
    childName(`${id}-logs`, { parent }),
    { name: functionLogGroupName(fnName), retentionInDays: config.logRetentionDays },
    childOptions(`${id}-logs`, { parent }),
  );
  const { role, rolePolicy } = evaluatorRole(rule, args, logGroup, fnName, parent);
  const fn = evaluatorFunction(rule, args, { fnName, role, rolePolicy, logGroup }, parent);
  const permission = invokePermission(rule, args, fn, fnName, parent);
  const registrations = trackedTypesOfRule(rule, config).flatMap((t) =>
    args.registrations && Object.hasOwn(args.registrations, t) ? [args.registrations[t]!] : [],
  );
  const dependsOn = [
    permission,
    ...(args.recorder ? [args.recorder] : []),
    ...(args.memberRecorders ? [args.memberRecorders] : []),
    ...registrations,
  ];
  const organization = args.organization && {
    excludedAccounts: args.organization.excludedAccounts ?? args.config.excludedAccounts,
  };
  const configRule = configRuleFor(rule, { config, ...(organization ? { organization } : {}) }, name, fn.arn, {
    parent,
    dependsOn,
  });
  // Remediation configurations attach to a Config rule of this account, not to organization rules.
  const remediation =
    configRule instanceof aws.cfg.Rule
      ? remediationFor(
          `${id}-remediation`,
          { rule, configRuleName: configRule.name, config, accountId: env.accountId, partition: env.partition },
          { parent, dependsOn: [configRule] },
        )
      : undefined;
  return {
    rule,
    name,
    role,
    rolePolicy,
    logGroup,
    function: fn,
    permission,
    configRule,
    ...(remediation ? { remediation } : {}),
  };
}

/** The function's role: the runtime's actions for this rule, its own log group, and in organization mode the member role. */
function evaluatorRole(
  rule: Rule,
  args: RulePackArgs,
  logGroup: aws.cloudwatch.LogGroup,
  fnName: string,
  parent: pulumi.Resource,
) {
  const { config, env } = args;
  const id = rule.id;
  const role = new aws.iam.Role(
    childName(`${id}-role`, { parent }),
    {
      name: evaluatorRoleName(config.namePrefix, id),
      description: `Runs the Config rule ${configRuleName(config.namePrefix, id)}.`,
      assumeRolePolicy: serviceTrust('lambda.amazonaws.com'),
    },
    childOptions(`${id}-role`, { parent }),
  );
  // The member role is named by role name in any account, so the policy stays one size for 1 or
  // 1,000 members (the member role in turn trusts only this account's function roles). With the
  // organization's id known, aws:ResourceOrgID also binds the grant to roles in accounts of that
  // organization (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgid).
  const orgId = args.organization?.organizationId ?? pulumi.output('');
  // SageMaker reads and the compliance read are limited to this account and Region.
  const scope = pulumi
    .all([env.partition, env.region, env.accountId])
    .apply(([partition, region, accountId]) => ({ partition, region, accountId }));
  const inputs = pulumi.all([args.adapters, logGroup.arn, scope, orgId]);
  const grants = { scoped: config.scopeTagKey !== undefined, tracking: config.tracking };
  const statements = inputs.apply(([adapters, logGroupArn, own, org]): PolicyStatement[] => [
    ...statementsFor(runtimeActions(rule, adapters, grants), '', own),
    {
      Sid: 'WriteOwnLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${logGroupArn}:*`,
    },
    // A run near Lambda's time limit invokes its own function to go on (rules/_core/chain.ts).
    // The ARN is built from the name, so the grant needs no function yet.
    ...(handsOff(rule, adapters, { tracking: config.tracking })
      ? [
          {
            Sid: 'ChainOwnRun',
            Effect: 'Allow' as const,
            Action: 'lambda:InvokeFunction',
            Resource: `arn:${own.partition}:lambda:${own.region}:${own.accountId}:function:${fnName}`,
          },
        ]
      : []),
    ...(args.organization
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
    childName(`${id}-policy`, { parent }),
    {
      role: role.name,
      policy: sizedPolicy(
        'role inline',
        `role of rule ${id}`,
        statements,
        'report this as a bug: the grant does not grow with configuration',
      ),
    },
    childOptions(`${id}-policy`, { parent }),
  );
  return { role, rolePolicy };
}

interface FunctionParts {
  fnName: string;
  role: aws.iam.Role;
  rolePolicy: aws.iam.RolePolicy;
  logGroup: aws.cloudwatch.LogGroup;
}

/** Adaptive retries for a scheduled run, the member role (organization mode) and the rule's suppressions. */
function functionEnvironment(rule: Rule, args: RulePackArgs) {
  const variables: Record<string, string> = isScheduled(rule, { tracking: args.config.tracking })
    ? { ...SCHEDULED_FUNCTION_ENV }
    : {};
  if (args.organization) variables[MEMBER_ROLE_ENV] = args.config.memberRoleName;
  const suppressions = args.config.suppressions[rule.id];
  if (suppressions?.length) variables[SUPPRESSIONS_ENV] = JSON.stringify(suppressions);
  return Object.keys(variables).length > 0 ? { environment: { variables } } : {};
}

function evaluatorFunction(rule: Rule, args: RulePackArgs, parts: FunctionParts, parent: pulumi.Resource) {
  const { config } = args;
  const periodic = isScheduled(rule, { tracking: config.tracking });
  return new aws.lambda.Function(
    childName(`${rule.id}-function`, { parent }),
    {
      name: parts.fnName,
      description: shortDescription(rule),
      role: parts.role.arn,
      runtime: config.lambdaRuntime,
      architectures: ['arm64'],
      handler: 'index.handler',
      code: args.code(rule),
      // A scheduled run lists and describes every resource of its types: more time and memory.
      // 512 MB from a measurement (bench/README.md, `npm run bench:scale`): at 150,000 resources
      // the periodic functions peaked at 159 to 422 MB with the heap limits of a 512 MB function
      // and finished in 237 to 479 s, within the 900 s timeout. 256 MB would not hold the larger.
      // Past that size a run hands off to a chained invocation before the timeout (docs/scale.md).
      memorySize: periodic ? 512 : 256,
      timeout: periodic ? 900 : 60,
      loggingConfig: { logFormat: 'Text', logGroup: parts.logGroup.name },
      ...functionEnvironment(rule, args),
    },
    childOptions(`${rule.id}-function`, { parent, dependsOn: [parts.logGroup, parts.rolePolicy] }),
  );
}

/**
 * Config's documented confused-deputy keys for invoking a rule's function are AWS:SourceAccount
 * and AWS:SourceArn; it does not document aws:SourceOrgID, so organization mode lists the accounts
 * (https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_nodejs.html).
 * Nor does AWS say which account AWS:SourceAccount holds when Config invokes the function for an
 * organization rule evaluated in a member account: the member, whose rule invokes, or this one,
 * which created it ("the account ID of the user who created the rule"). The list holds both, this
 * account and every member, so the grant works either way and admits no account outside it.
 */
function invokePermission(
  rule: Rule,
  args: RulePackArgs,
  fn: aws.lambda.Function,
  fnName: string,
  parent: pulumi.Resource,
) {
  if (args.organization) {
    const accounts = args.organization.invokingAccounts;
    return new aws.lambda.ResourcePolicy(
      childName(`${rule.id}-invoke`, { parent }),
      {
        resourceArn: fn.arn,
        policy: pulumi.all([fn.arn, accounts]).apply(([arn, list]) => invokePolicy(fnName, arn, list)),
      },
      childOptions(`${rule.id}-invoke`, { parent }),
    );
  }
  return new aws.lambda.Permission(
    childName(`${rule.id}-invoke`, { parent }),
    {
      action: 'lambda:InvokeFunction',
      function: fn.name,
      principal: 'config.amazonaws.com',
      sourceAccount: args.env.accountId,
      statementId: 'AllowConfigInvoke',
    },
    childOptions(`${rule.id}-invoke`, { parent }),
  );
}

/** The invoke policy of an organization's function: Config of the listed accounts only, within Lambda's 20 KB. */
export function invokePolicy(fnName: string, fnArn: string, accounts: string[]): string {
  const statement = {
    Sid: 'ConfigFromListedAccounts',
    Effect: 'Allow',
    Principal: { Service: 'config.amazonaws.com' },
    Action: 'lambda:InvokeFunction',
    Resource: fnArn,
    Condition: { StringEquals: { 'AWS:SourceAccount': accounts } },
  };
  return checkPolicySize(
    'lambda resource',
    `function ${fnName}`,
    JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
    `it lists ${accounts.length} accounts; list fewer in ml-config-rules:memberAccounts (or exclude some with excludedAccounts) and deploy a second stack for the rest`,
  );
}
