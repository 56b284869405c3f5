// Organization mode: the rules become organization rules (rule-pack.ts), an aggregator collects
// compliance from every account and region, and a service-managed CloudFormation stack set puts
// the member role in every member account. The functions stay in this account and assume that
// role for a member's events (rules/_core/cross-account.ts); the role trusts only the functions'
// own roles and grants only the reads and config:PutEvaluations the selected rules need.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { StackConfig } from './config.js';
import type { PolicyStatement } from './permissions.js';
import { policyJson, serviceTrust } from './policy.js';
import type { AccountEnv, OrganizationAccess } from './rule-pack.js';

export const AGGREGATOR_POLICY = 'service-role/AWSConfigRoleForOrganizations';

export interface OrganizationFacts extends OrganizationAccess {
  /** Where the stack set deploys the member role. */
  organizationalUnits: pulumi.Output<string[]>;
}

interface OrganizationView {
  accounts: string[];
  roots: string[];
}

/** Which accounts may invoke the functions and where the member role goes: from config, else from Organizations. */
export function organizationFacts(config: StackConfig, env: AccountEnv): OrganizationFacts {
  const needsLookup = !config.memberAccounts || !config.memberOrganizationalUnits;
  const org: pulumi.Output<OrganizationView> = needsLookup
    ? aws.organizations.getOrganizationOutput().apply((o) => ({
        accounts: o.accounts.filter((a) => (a.state || a.status) === 'ACTIVE').map((a) => a.id),
        roots: o.roots.map((r) => r.id),
      }))
    : pulumi.output({ accounts: [], roots: [] });
  const excluded = new Set(config.excludedAccounts);
  const members = pulumi.all([org, env.accountId]).apply(([o, own]) =>
    [...new Set(config.memberAccounts ?? o.accounts)].filter((a) => a !== own && !excluded.has(a)).sort(),
  );
  return {
    invokingAccounts: pulumi.all([members, env.accountId]).apply(([m, own]) => [own, ...m]),
    memberRoleArns: pulumi.all([members, env.partition]).apply(([m, partition]) => m.map((a) => `arn:${partition}:iam::${a}:role/${config.memberRoleName}`)),
    organizationalUnits: org.apply((o) => config.memberOrganizationalUnits ?? o.roots),
  };
}

export interface OrganizationSetupArgs {
  config: StackConfig;
  env: AccountEnv;
  facts: OrganizationFacts;
  /** The functions' roles: the only principals the member role trusts. */
  evaluatorRoleArns: pulumi.Input<string>[];
  /** Union of the selected rules' runtime actions. */
  memberActions: pulumi.Input<string[]>;
}

export class OrganizationSetup extends pulumi.ComponentResource {
  readonly aggregatorRole: aws.iam.Role;
  readonly aggregator: aws.cfg.ConfigurationAggregator;
  readonly stackSet: aws.cloudformation.StackSet;
  readonly stackSetInstance: aws.cloudformation.StackSetInstance;

  constructor(name: string, args: OrganizationSetupArgs, opts?: pulumi.ComponentResourceOptions) {
    super('ml-config-rules:deploy:OrganizationSetup', name, {}, opts);
    const { config, env } = args;
    const p = config.namePrefix;
    const parent = { parent: this };

    this.aggregatorRole = new aws.iam.Role(`${name}-aggregator-role`, {
      name: `${p}config-aggregator`,
      description: 'Lets AWS Config read the organization for the ML config rules aggregator.',
      assumeRolePolicy: serviceTrust('config.amazonaws.com', env.accountId),
    }, parent);
    const attachment = new aws.iam.RolePolicyAttachment(`${name}-aggregator-policy`, {
      role: this.aggregatorRole.name,
      policyArn: pulumi.interpolate`arn:${env.partition}:iam::aws:policy/${AGGREGATOR_POLICY}`,
    }, parent);
    this.aggregator = new aws.cfg.ConfigurationAggregator(`${name}-aggregator`, {
      name: `${p}organization`,
      organizationAggregationSource: { roleArn: this.aggregatorRole.arn, allRegions: true },
    }, { parent: this, dependsOn: [attachment] });

    const callAs = config.delegatedAdmin ? 'DELEGATED_ADMIN' : 'SELF';
    this.stackSet = new aws.cloudformation.StackSet(`${name}-member-role`, {
      name: `${p}member-role`,
      description: 'The role ML config rules functions assume to evaluate this account.',
      permissionModel: 'SERVICE_MANAGED',
      callAs,
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      managedExecution: { active: true },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      templateBody: memberRoleTemplate(config.memberRoleName, env, args.evaluatorRoleArns, args.memberActions),
    }, { parent: this, ignoreChanges: ['administrationRoleArn'] });
    this.stackSetInstance = new aws.cloudformation.StackSetInstance(`${name}-member-role`, {
      stackSetName: this.stackSet.name,
      callAs,
      deploymentTargets: { organizationalUnitIds: args.facts.organizationalUnits },
      operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 25 },
    }, parent);

    this.registerOutputs({ aggregator: this.aggregator.name, stackSet: this.stackSet.name });
  }
}

/** The CloudFormation template of the member role (JSON). */
export function memberRoleTemplate(
  roleName: string,
  env: AccountEnv,
  evaluatorRoleArns: pulumi.Input<string>[],
  actions: pulumi.Input<string[]>,
): pulumi.Output<string> {
  return pulumi.all([env.accountId, env.partition, pulumi.all(evaluatorRoleArns), actions]).apply(([account, partition, roleArns, allowed]) => {
    // The admin account as principal, narrowed to the functions' roles: unlike a role ARN as
    // principal, this survives a function role being replaced.
    const trust: PolicyStatement[] = [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: 'sts:AssumeRole',
        Condition: { ArnEquals: { 'aws:PrincipalArn': [...roleArns].sort() } },
      },
    ];
    const grant: PolicyStatement[] = [{ Sid: 'RuleRuntime', Effect: 'Allow', Action: allowed, Resource: '*' }];
    return JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'Role the ML config rules functions assume to read this account and report evaluations.',
      Resources: {
        EvaluatorRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: roleName,
            Description: 'Assumed by the ML config rules functions of the administrator account.',
            MaxSessionDuration: 3600,
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: trust },
            Policies: [{ PolicyName: 'ml-config-rules-runtime', PolicyDocument: { Version: '2012-10-17', Statement: grant } }],
          },
        },
      },
      Outputs: { RoleArn: { Value: { 'Fn::GetAtt': ['EvaluatorRole', 'Arn'] } } },
    });
  });
}
