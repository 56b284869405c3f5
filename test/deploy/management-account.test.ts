// The management account in organization mode, under Pulumi mocks. A service-managed stack set
// never creates the member role there, so from a delegated administrator the organization rules
// exclude it by default, and preview says why; `managementAccount: include` keeps it and says what
// to create. From the management account itself nothing is excluded: the functions run there.
import * as pulumi from '@pulumi/pulumi';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseStackConfig, StackConfigError } from '../../deploy/config.js';
import { exclusionsFor } from '../../deploy/management-account.js';
import { ACCOUNT, memberAccountIds, runDeploy, type DeployRun } from './harness.js';

/** The management account when this account (ACCOUNT) is a delegated administrator. */
const MANAGEMENT = '345678901234';
const MEMBER = '210987654321';
const ORG = { organization: 'true', memberRecorder: 'create', rules: 'sagemaker-endpoint-tagged' } as const;
const DELEGATED = { ...ORG, delegatedAdmin: 'true' } as const;
const STACK_SETS_PAGE =
  'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-associate-stackset-with-org.html';

const excludedOf = (run: DeployRun) => run.named('sagemaker-endpoint-tagged-rule').inputs.excludedAccounts;
const invokersOf = (run: DeployRun) =>
  JSON.parse(run.named('sagemaker-endpoint-tagged-invoke').inputs.policy).Statement[0].Condition.StringEquals[
    'AWS:SourceAccount'
  ];
const bucketMembersOf = (run: DeployRun) =>
  JSON.parse(run.named('recorder-bucket-policy').inputs.policy).Statement.find(
    (s: any) => s.Sid === 'MemberConfigDelivery',
  ).Condition.StringEquals['AWS:SourceAccount'];
const logged = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => String(c[0]));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('deployed from the management account', () => {
  it('excludes nothing it was not told to: the functions evaluate the management account with their own roles', async () => {
    const info = vi.spyOn(pulumi.log, 'info');
    const run = await runDeploy({ ...ORG, excludedAccounts: JSON.stringify([MANAGEMENT]) });
    expect(excludedOf(run)).toEqual([MANAGEMENT]);
    const plain = await runDeploy(ORG);
    expect(excludedOf(plain)).toEqual([]);
    expect(invokersOf(plain)).toEqual([ACCOUNT, MEMBER, MANAGEMENT]);
    expect(logged(info).filter((m) => m.includes('management account'))).toEqual([]);
  });

  it('refuses managementAccount, which only a delegated administrator needs', () => {
    expect(() => parseStackConfig({ ...ORG, managementAccount: 'include' })).toThrow(
      'ml-config-rules:managementAccount: only applies with ml-config-rules:delegatedAdmin true: deployed from the management account, the functions evaluate it with their own roles',
    );
  });
});

describe('deployed from a delegated administrator', () => {
  it('excludes the management account by default, and says why at preview', async () => {
    const info = vi.spyOn(pulumi.log, 'info');
    const run = await runDeploy(
      { ...DELEGATED, excludedAccounts: JSON.stringify(['456789012345']) },
      {},
      { managementAccount: MANAGEMENT },
    );
    expect(excludedOf(run)).toEqual(['456789012345', MANAGEMENT]);
    // Neither its Config may invoke the functions nor its recorder deliver to the bucket.
    expect(invokersOf(run)).toEqual([ACCOUNT, MEMBER]);
    expect(bucketMembersOf(run)).toEqual([MEMBER]);
    const said = logged(info).filter((m) => m.includes('management account'));
    expect(said).toEqual([
      `the organization rules exclude the management account ${MANAGEMENT} (ml-config-rules:managementAccount exclude): a service-managed stack set never creates the member role there (${STACK_SETS_PAGE}), so the functions in this delegated administrator could not evaluate it; to evaluate it, set managementAccount include and create the role there`,
    ]);
  });

  it('with include, keeps it, lets its Config invoke the functions, and says the role must be created there', async () => {
    const warn = vi.spyOn(pulumi.log, 'warn');
    const run = await runDeploy({ ...DELEGATED, managementAccount: 'include' }, {}, { managementAccount: MANAGEMENT });
    expect(excludedOf(run)).toEqual([]);
    expect(invokersOf(run)).toEqual([ACCOUNT, MEMBER, MANAGEMENT]);
    expect(bucketMembersOf(run)).toEqual([MEMBER, MANAGEMENT].sort());
    expect(logged(warn)).toContainEqual(
      expect.stringMatching(
        /^the organization rules evaluate the management account 345678901234 \(ml-config-rules:managementAccount include\): the stack set cannot create the member role ml-config-rules-evaluator there .* create it from the stack output memberRoleTemplate/,
      ),
    );
  });

  it('warns when delegatedAdmin is set in the management account itself, and excludes nothing', async () => {
    const warn = vi.spyOn(pulumi.log, 'warn');
    const run = await runDeploy(DELEGATED);
    expect(excludedOf(run)).toEqual([]);
    expect(logged(warn)).toContainEqual(
      `ml-config-rules:delegatedAdmin is true, but this is the management account ${ACCOUNT}: set it to false (the stack set is created as SELF from here)`,
    );
  });
});

describe('the exclusion list', () => {
  const delegated = (excludedAccounts: string[]) =>
    parseStackConfig({ ...DELEGATED, excludedAccounts: JSON.stringify(excludedAccounts) });

  it('adds the management account once, after the configured accounts', () => {
    expect(exclusionsFor(delegated([MEMBER]), MANAGEMENT, ACCOUNT).accounts).toEqual([MEMBER, MANAGEMENT]);
    const listed = exclusionsFor(delegated([MANAGEMENT]), MANAGEMENT, ACCOUNT);
    expect(listed).toEqual({ accounts: [MANAGEMENT] });
  });

  it("keeps AWS's limit of 1,000 excluded accounts, the management account included", () => {
    expect(exclusionsFor(delegated(memberAccountIds(999)), MANAGEMENT, ACCOUNT).accounts).toHaveLength(1000);
    const full = delegated(memberAccountIds(1000));
    expect(() => exclusionsFor(full, MANAGEMENT, ACCOUNT)).toThrow(StackConfigError);
    expect(() => exclusionsFor(full, MANAGEMENT, ACCOUNT)).toThrow(
      `ml-config-rules:excludedAccounts: lists 1000 accounts, and the management account ${MANAGEMENT} (ml-config-rules:managementAccount exclude) makes 1001; organization rules take at most 1000`,
    );
  });
});
