// Organization mode under Pulumi mocks: organization rules and an aggregator instead of account
// rules, functions that stay here and may be invoked only by the listed accounts' Config, and a
// member role (through a service-managed stack set) that trusts only the functions' roles and
// grants only what the selected rules need. Tracking is on by default: its organization mode (the
// central bus, the member template's registrations and forwarding) is tested in tracking-organization.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { memberActions, loadAdapterActions } from '../../deploy/permissions.js';
import { isScheduled } from '../../rules/_core/recording.js';
import { CHANGE_MESSAGE_TYPES, PERIODIC_MESSAGE_TYPE, triggersOf } from '../../deploy/config-rule.js';
import { memberCaptureActions } from '../../deploy/tracking-grants.js';
import { MEMBER_ROLE_ENV } from '../../rules/_core/cross-account.js';
import { frequencyOf } from '../../rules/_core/rule.js';
import { rules } from '../../rules/index.js';
import { ACCOUNT, asList, invokes, ORG, policyDocuments, runDeploy, type DeployRun } from './harness.js';

const MEMBER = '210987654321';
const EXCLUDED = '345678901234';
const SUSPENDED = '456789012345';
const ROLE = 'ml-config-rules-evaluator';

describe('organization mode', () => {
  let run: DeployRun;
  beforeAll(async () => {
    run = await runDeploy({
      organization: 'true',
      memberRecorder: 'existing',
      excludedAccounts: JSON.stringify([EXCLUDED]),
      scopeTagKey: 'ml-pipeline',
    });
  });

  it('creates organization rules and an aggregator instead of account rules', () => {
    expect(run.ofType('aws:cfg/rule:Rule')).toHaveLength(0);
    expect(
      run
        .ofType('aws:cfg/organizationCustomRule:OrganizationCustomRule')
        .map((r) => r.inputs.name)
        .sort(),
    ).toEqual(rules.map((r) => `ml-config-${r.id}`).sort());
    const [aggregator] = run.ofType('aws:cfg/configurationAggregator:ConfigurationAggregator');
    expect(aggregator!.inputs.organizationAggregationSource).toEqual({
      roleArn: `arn:aws:iam::${ACCOUNT}:role/ml-config-config-aggregator`,
      allRegions: true,
    });
    expect(run.named('organization-aggregator-policy').inputs.policyArn).toBe(
      'arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations',
    );
    expect(run.ofType('aws:cfg/remediationConfiguration:RemediationConfiguration')).toHaveLength(0);
  });

  it('gives each organization rule its triggers, exclusions and, on change rules only, a scope', () => {
    for (const rule of rules) {
      const org = run.named(`${rule.id}-rule`).inputs;
      expect(org.lambdaFunctionArn).toBe(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:ml-config-${rule.id}`);
      expect(org.excludedAccounts).toEqual([EXCLUDED]);
      expect(JSON.parse(org.inputParameters)).toMatchObject({ scopeTagKey: 'ml-pipeline' });
      // With tracking on, the tracked types are change-triggered on their recorded names (tracking.test.ts).
      const { changeTypes, schedule } = triggersOf(rule, { tracking: true });
      expect(org.triggerTypes, rule.id).toEqual([
        ...(changeTypes.length > 0 ? CHANGE_MESSAGE_TYPES : []),
        ...(schedule ? [PERIODIC_MESSAGE_TYPE] : []),
      ]);
      expect(org.maximumExecutionFrequency).toBe(schedule ? (frequencyOf(rule) ?? 'TwentyFour_Hours') : undefined);
      expect(org.resourceTypesScopes).toEqual(changeTypes.length > 0 ? changeTypes : undefined);
      // Types or a tag, never both: the tag filter travels in the parameters.
      expect(org.tagKeyScope).toBeUndefined();
      expect(org.tagValueScope).toBeUndefined();
      expect(run.named(`${rule.id}-rule`).dependsOn).toContain(`${rule.id}-invoke`);
    }
  });

  it("lets only the listed accounts' Config invoke the functions: this one and the active, not excluded members", () => {
    // Only tracking's EventBridge rules invoke through Permissions (tracking.test.ts).
    expect(run.ofType('aws:lambda/permission:Permission').filter((p) => p.parent === 'rules')).toHaveLength(0);
    const policies = run.ofType('aws:lambda/resourcePolicy:ResourcePolicy');
    expect(policies).toHaveLength(rules.length);
    for (const p of policies) {
      const statements = JSON.parse(p.inputs.policy).Statement;
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatchObject({
        Effect: 'Allow',
        Principal: { Service: 'config.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Condition: { StringEquals: { 'AWS:SourceAccount': [ACCOUNT, MEMBER] } },
      });
      expect(statements[0].Resource).toBe(p.inputs.resourceArn);
    }
    expect(JSON.stringify(policies.map((p) => p.inputs.policy))).not.toContain(EXCLUDED);
    expect(JSON.stringify(policies.map((p) => p.inputs.policy))).not.toContain(SUSPENDED);
  });

  it('tells each function the member role to assume, and lets it assume that role by name (one size for any organization)', () => {
    for (const rule of rules) {
      expect(run.named(`${rule.id}-function`).inputs.environment).toEqual({
        variables: {
          [MEMBER_ROLE_ENV]: ROLE,
          // A scheduled run paces its calls to the rate each API answers (rule-pack.ts).
          ...(isScheduled(rule, { tracking: true }) ? { AWS_RETRY_MODE: 'adaptive' } : {}),
        },
      });
      const assume = JSON.parse(run.named(`${rule.id}-policy`).inputs.policy).Statement.find(
        (s: any) => s.Sid === 'AssumeMemberRole',
      );
      expect(assume).toEqual({
        Sid: 'AssumeMemberRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: `arn:aws:iam::*:role/${ROLE}`,
        // Only roles of this organization, whatever the account.
        Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-7k2qv9x4me' } },
      });
    }
  });

  it('deploys the member role with a service-managed stack set to the whole organization', () => {
    const [stackSet] = run.ofType('aws:cloudformation/stackSet:StackSet');
    expect(stackSet!.inputs).toMatchObject({
      permissionModel: 'SERVICE_MANAGED',
      callAs: 'SELF',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ['CAPABILITY_NAMED_IAM'],
    });
    const [instance] = run.ofType('aws:cloudformation/stackSetInstance:StackSetInstance');
    expect(instance!.inputs.deploymentTargets).toEqual({ organizationalUnitIds: [ORG.root] });
    expect(instance!.inputs.stackSetName).toBe('ml-config-member-role');
  });

  it("has the member role trust only the functions' roles and grant only the rules' reads and PutEvaluations", async () => {
    const template = JSON.parse(run.ofType('aws:cloudformation/stackSet:StackSet')[0]!.inputs.templateBody);
    const role = template.Resources.EvaluatorRole;
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.RoleName).toBe(ROLE);
    const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
    expect(trust.Action).toBe('sts:AssumeRole');
    // The functions' roles share a name prefix that no other role of the deploy has: the trust names the prefix.
    const pattern = trust.Condition.ArnLike['aws:PrincipalArn'];
    expect(pattern).toBe(`arn:aws:iam::${ACCOUNT}:role/ml-config-eval-*`);
    // And only from this organization (defence in depth: the principal already names this account).
    expect(trust.Condition.StringEquals).toEqual({ 'aws:PrincipalOrgID': ORG.id });
    const matches = (arn: string) => arn.startsWith(pattern.slice(0, -1));
    const roleArns = run
      .ofType('aws:iam/role:Role')
      .map((r) => ({ name: r.name, arn: `arn:aws:iam::${ACCOUNT}:role/${r.inputs.name}` }));
    // The functions' roles, the capture function's included (it records forwarded events in their account).
    const evaluatorRoles = roleArns.filter(
      (r) => rules.some((x) => r.name === `${x.id}-role`) || r.name === 'tracking-capture-role',
    );
    expect(evaluatorRoles).toHaveLength(rules.length + 1);
    for (const r of roleArns) expect(matches(r.arn), r.name).toBe(evaluatorRoles.includes(r));

    const granted = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement)
      .flatMap((s: any) => asList(s.Action))
      .sort();
    const grants = { scoped: true, tracking: true };
    const adapters = await loadAdapterActions(rules, undefined, grants);
    expect(granted).toEqual(
      [...new Set([...memberActions(rules, adapters, grants), ...memberCaptureActions()])].sort(),
    );
    expect(granted).toContain('config:PutEvaluations');
  });

  it('grants no IAM action with a wildcard anywhere, member role included', () => {
    for (const { resource, document } of policyDocuments(run)) {
      for (const s of asList<any>(document.Statement)) {
        if (s.Effect !== 'Allow') continue;
        for (const action of asList<string>(s.Action)) expect(action, `${resource}: ${action}`).not.toContain('*');
        // Nothing is open to every account: a '*' principal, in either form, only with the organization's id.
        if (['"*"', '{"AWS":"*"}'].includes(JSON.stringify(s.Principal ?? null)))
          expect(s.Condition?.StringEquals?.['aws:PrincipalOrgID'], resource).toBe(ORG.id);
      }
    }
  });

  it("matches organization rules as they appear in the account, and only the pack's", () => {
    const entries = run
      .ofType('aws:cloudwatch/eventRule:EventRule')
      .filter((r) => r.parent === 'notifications')
      .flatMap((r) => JSON.parse(r.inputs.eventPattern).detail.configRuleName);
    for (const rule of rules) {
      expect(entries).toContainEqual(`ml-config-${rule.id}`);
      expect(entries).toContainEqual({ prefix: `OrgConfigRule-ml-config-${rule.id}-` });
    }
    expect(entries).toHaveLength(rules.length * 2);
  });
});

describe('organization mode with listed accounts, units and a delegated administrator', () => {
  const listed = {
    organization: 'true',
    rules: 'sagemaker-notebook-kms-key,sagemaker-endpoint-tagged',
    memberAccounts: JSON.stringify([MEMBER, '567890123456']),
    memberOrganizationalUnits: JSON.stringify(['ou-4f8d-1a2b3c4d']),
    memberRoleName: 'platform-config-evaluator',
    memberRecorder: 'existing',
    // Tracking's central bus admits the organization by its id: with it on, the id is always read.
    tracking: 'off',
  };
  let run: DeployRun;
  let invoked: string[];
  beforeAll(async () => {
    run = await runDeploy({ ...listed, delegatedAdmin: 'true' }, {}, { managementAccount: EXCLUDED });
    invoked = [...invokes];
  });

  it('reads nothing from Organizations when accounts and units are listed, from the management account', async () => {
    const plain = await runDeploy(listed);
    expect(invokes).not.toContain('aws:organizations/getOrganization:getOrganization');
    // Without the organization's id, the grant and the trust name no organization.
    const template = JSON.parse(plain.ofType('aws:cloudformation/stackSet:StackSet')[0]!.inputs.templateBody);
    expect(
      Object.keys(template.Resources.EvaluatorRole.Properties.AssumeRolePolicyDocument.Statement[0].Condition),
    ).toEqual(['ArnLike']);
    const assume = JSON.parse(plain.named('sagemaker-endpoint-tagged-policy').inputs.policy).Statement.find(
      (s: any) => s.Sid === 'AssumeMemberRole',
    );
    expect(assume.Condition).toBeUndefined();
  });

  it('reads the organization from a delegated administrator, for the management account it excludes', () => {
    expect(invoked).toContain('aws:organizations/getOrganization:getOrganization');
    expect(run.named('sagemaker-endpoint-tagged-rule').inputs.excludedAccounts).toEqual([EXCLUDED]);
  });

  it('binds the invoke permission to exactly the listed accounts', () => {
    const statement = JSON.parse(run.named('sagemaker-notebook-kms-key-invoke').inputs.policy).Statement[0];
    expect(statement.Condition.StringEquals['AWS:SourceAccount']).toEqual([ACCOUNT, MEMBER, '567890123456']);
  });

  it('deploys the named role to the listed units as a delegated administrator', () => {
    expect(run.ofType('aws:cloudformation/stackSet:StackSet')[0]!.inputs.callAs).toBe('DELEGATED_ADMIN');
    const instance = run.ofType('aws:cloudformation/stackSetInstance:StackSetInstance')[0]!.inputs;
    expect(instance).toMatchObject({
      callAs: 'DELEGATED_ADMIN',
      deploymentTargets: { organizationalUnitIds: ['ou-4f8d-1a2b3c4d'] },
    });
    const template = JSON.parse(run.ofType('aws:cloudformation/stackSet:StackSet')[0]!.inputs.templateBody);
    expect(template.Resources.EvaluatorRole.Properties.RoleName).toBe('platform-config-evaluator');
    const statements = template.Resources.EvaluatorRole.Properties.Policies[0].PolicyDocument.Statement;
    const granted = statements.flatMap((s: any) => asList(s.Action)).sort();
    // Reads by ARN stay in the member account, resolved by CloudFormation there.
    const describe = statements.find((s: any) =>
      asList(s.Action).some((a: string) => a.startsWith('sagemaker:Describe')),
    );
    if (describe) expect(describe.Resource).toEqual({ 'Fn::Sub': 'arn:aws:sagemaker:*:${AWS::AccountId}:*' });
    const compliance = statements.find((s: any) =>
      asList(s.Action).includes('config:GetComplianceDetailsByConfigRule'),
    );
    expect(compliance.Resource).toEqual({ 'Fn::Sub': 'arn:aws:config:*:${AWS::AccountId}:config-rule/*' });
    expect(granted).toEqual([
      'config:GetComplianceDetailsByConfigRule',
      'config:GetResourceConfigHistory',
      'config:PutEvaluations',
      'sagemaker:ListEndpoints',
      'sagemaker:ListTags',
      'tag:GetResources',
    ]);
    expect(run.named('sagemaker-endpoint-tagged-function').inputs.environment.variables[MEMBER_ROLE_ENV]).toBe(
      'platform-config-evaluator',
    );
  });
});
