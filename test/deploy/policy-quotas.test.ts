// Every policy document the deploy writes fits AWS's quota for it, for the shipped example stack,
// the whole pack, and an organization of 1,000 accounts: role trust 2,048, all inline policies of
// one role 10,240 together, a function's resource policy and a bucket policy 20 KB, a topic policy
// 30 KB, a key policy 32 KB (deploy/quotas.ts cites each). And the program refuses, at preview, a
// document that would not fit, saying what to change.
import { beforeAll, describe, expect, it } from 'vitest';
import { invokePolicy } from '../../deploy/rule-pack.js';
import { POLICY_QUOTAS, policySize, PolicyQuotaError, type PolicyKind } from '../../deploy/quotas.js';
import { asList, DELEGATED_ADMIN_WORLD, memberAccountIds, runDeploy, SCENARIOS, type DeployRun } from './harness.js';

interface Measured {
  kind: PolicyKind;
  owner: string;
  size: number;
}

/** Each document, by quota kind; inline policies summed per role (IAM's quota is per role). */
function measure(run: DeployRun): Measured[] {
  const out: Measured[] = [];
  const inline = new Map<string, number>();
  const addInline = (role: string, json: string) => inline.set(role, (inline.get(role) ?? 0) + policySize(json));
  for (const r of run.resources) {
    const { policy, assumeRolePolicy } = r.inputs;
    switch (r.type) {
      case 'aws:iam/role:Role':
        out.push({ kind: 'role trust', owner: r.inputs.name, size: policySize(assumeRolePolicy) });
        break;
      case 'aws:iam/rolePolicy:RolePolicy':
        addInline(r.inputs.role, policy);
        break;
      case 'aws:lambda/resourcePolicy:ResourcePolicy':
        out.push({ kind: 'lambda resource', owner: r.name, size: policySize(policy) });
        break;
      case 'aws:s3/bucketPolicy:BucketPolicy':
        out.push({ kind: 'bucket', owner: r.name, size: policySize(policy) });
        break;
      case 'aws:sns/topicPolicy:TopicPolicy':
        out.push({ kind: 'topic', owner: r.name, size: policySize(policy) });
        break;
      case 'aws:kms/key:Key':
        out.push({ kind: 'key', owner: r.name, size: policySize(policy) });
        break;
      case 'aws:cloudformation/stackSet:StackSet':
        for (const [logical, res] of Object.entries<any>(JSON.parse(r.inputs.templateBody).Resources)) {
          if (res.Type !== 'AWS::IAM::Role') continue;
          out.push({
            kind: 'role trust',
            owner: `${r.name}/${logical}`,
            size: policySize(JSON.stringify(res.Properties.AssumeRolePolicyDocument)),
          });
          for (const p of res.Properties.Policies ?? [])
            addInline(`${r.name}/${logical}`, JSON.stringify(p.PolicyDocument));
        }
        break;
    }
  }
  for (const [role, size] of inline) out.push({ kind: 'role inline', owner: role, size });
  return out;
}

// Each scenario's program runs once for the file: the organization of 1,000 accounts is read by two
// describes below.
const runs = new Map<string, Promise<DeployRun>>();
function scenarioRun(name: string): Promise<DeployRun> {
  let run = runs.get(name);
  if (!run) {
    const scenario = SCENARIOS[name]!;
    runs.set(name, (run = runDeploy(scenario.config(), {}, scenario.world)));
  }
  return run;
}

describe.each(Object.keys(SCENARIOS))('policy sizes: %s', (name) => {
  let run: DeployRun;
  beforeAll(async () => {
    run = await scenarioRun(name);
  });

  it('keeps every document within its quota', () => {
    const measured = measure(run);
    expect(measured.length).toBeGreaterThan(10);
    for (const m of measured)
      expect(m.size, `${m.kind} policy of ${m.owner}`).toBeLessThanOrEqual(POLICY_QUOTAS[m.kind]);
  });
});

describe('policy sizes in an organization of 1,000 accounts', () => {
  let run: DeployRun;
  beforeAll(async () => {
    run = await scenarioRun('organization mode with 1,000 accounts');
  });

  it('lists all 1,000 accounts in each invoke policy and in the bucket and key policies, and stays within their quotas', () => {
    const invoke = run.ofType('aws:lambda/resourcePolicy:ResourcePolicy')[0]!;
    const accounts = JSON.parse(invoke.inputs.policy).Statement[0].Condition.StringEquals['AWS:SourceAccount'];
    expect(accounts).toHaveLength(1000);
    const bucket = JSON.parse(run.ofType('aws:s3/bucketPolicy:BucketPolicy')[0]!.inputs.policy);
    const members = bucket.Statement.find((s: any) => s.Sid === 'MemberConfigDelivery');
    expect(members.Condition.StringEquals['AWS:SourceAccount']).toHaveLength(999);
    const key = JSON.parse(run.named('recorder-key').inputs.policy);
    expect(
      key.Statement.find((s: any) => s.Sid === 'ConfigDelivery').Condition.StringEquals['AWS:SourceAccount'],
    ).toHaveLength(1000);
    for (const m of measure(run))
      expect(m.size, `${m.kind} policy of ${m.owner}`).toBeLessThanOrEqual(POLICY_QUOTAS[m.kind]);
  });

  it('has the member role trust the functions by their shared role-name prefix, one size for the whole pack', () => {
    const template = JSON.parse(run.ofType('aws:cloudformation/stackSet:StackSet')[0]!.inputs.templateBody);
    const trust = template.Resources.EvaluatorRole.Properties.AssumeRolePolicyDocument;
    expect(JSON.stringify(trust).length).toBeLessThan(400);
    const functionRoles = run
      .ofType('aws:iam/role:Role')
      .filter((r) => r.name.endsWith('-role') && r.parent === 'rules')
      .map((r) => r.inputs.name);
    expect(functionRoles.length).toBeGreaterThan(30);
    for (const name of functionRoles) expect(name.startsWith('ml-config-eval-'), name).toBe(true);
  });
});

describe('policy sizes from a delegated administrator that evaluates the management account, 1,000 accounts', () => {
  let run: DeployRun;
  const management = DELEGATED_ADMIN_WORLD.managementAccount!;
  beforeAll(async () => {
    run = await runDeploy(
      {
        organization: 'true',
        delegatedAdmin: 'true',
        managementAccount: 'include',
        memberRecorder: 'create',
        createRecorder: 'false',
        deliveryBucketEncryption: 'KMS',
        memberAccounts: JSON.stringify([...memberAccountIds(998), management]),
        memberOrganizationalUnits: JSON.stringify(['ou-4f8d-1a2b3c4d']),
      },
      {},
      DELEGATED_ADMIN_WORLD,
    );
  });

  it('lists the management account beside 998 members and this account, and every document stays within its quota', () => {
    const invoke = JSON.parse(run.ofType('aws:lambda/resourcePolicy:ResourcePolicy')[0]!.inputs.policy);
    const accounts = invoke.Statement[0].Condition.StringEquals['AWS:SourceAccount'];
    expect(accounts).toHaveLength(1000);
    expect(accounts).toContain(management);
    expect(run.ofType('aws:cfg/organizationCustomRule:OrganizationCustomRule')[0]!.inputs.excludedAccounts).toEqual([]);
    const measured = measure(run);
    expect(measured.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['role trust', 'role inline', 'lambda resource', 'bucket', 'key']),
    );
    for (const m of measured)
      expect(m.size, `${m.kind} policy of ${m.owner}`).toBeLessThanOrEqual(POLICY_QUOTAS[m.kind]);
  });

  it("keeps the member role's trust, now bound to the organization too, one small size", () => {
    const template = JSON.parse(run.ofType('aws:cloudformation/stackSet:StackSet')[0]!.inputs.templateBody);
    const trust = template.Resources.EvaluatorRole.Properties.AssumeRolePolicyDocument;
    expect(trust.Statement[0].Condition.StringEquals).toEqual({ 'aws:PrincipalOrgID': 'o-7k2qv9x4me' });
    expect(policySize(JSON.stringify(trust))).toBeLessThan(400);
  });
});

describe('a document over its quota', () => {
  it('fails the preview, naming the function, the size and what to change', () => {
    // 1,600 invoking accounts cannot fit one function's 20 KB resource policy; 1,000 do.
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:ml-config-sagemaker-notebook-kms-key';
    expect(() => invokePolicy('ml-config-sagemaker-notebook-kms-key', arn, memberAccountIds(1000))).not.toThrow();
    expect(() => invokePolicy('ml-config-sagemaker-notebook-kms-key', arn, memberAccountIds(1600))).toThrow(
      PolicyQuotaError,
    );
    expect(() => invokePolicy('ml-config-sagemaker-notebook-kms-key', arn, memberAccountIds(1600))).toThrow(
      /^function ml-config-sagemaker-notebook-kms-key: the lambda resource policy would be \d+ bytes, over AWS's quota of 20480; it lists 1600 accounts; list fewer in ml-config-rules:memberAccounts/,
    );
  });

  it('counts bytes as sent', () => {
    expect(policySize(JSON.stringify({ Statement: asList('é') }))).toBe(
      JSON.stringify({ Statement: ['é'] }).length + 1,
    );
  });
});
