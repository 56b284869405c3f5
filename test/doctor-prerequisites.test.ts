// `doctor --organization`: the organization's prerequisites, one row each, with Organizations,
// CloudFormation and STS mocked (the emulator implements neither StackSets' trusted access nor
// delegated administrators): from the management account, from a delegated administrator, with
// each call denied, outside any organization.
import {
  CloudFormationClient,
  DescribeOrganizationsAccessCommand,
  type DescribeOrganizationsAccessCommandInput,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeOrganizationCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { organizationPrerequisiteRows, type PrerequisiteClients } from '../cli/doctor/organization-prerequisites.js';

const MANAGEMENT = '111122223333';
const DELEGATED = '444455556666';
const ORG_ID = 'o-7k2qv9x4me';
const STACKSETS = 'member.org.stacksets.cloudformation.amazonaws.com';

const denied = (action: string) =>
  Object.assign(new Error(`User is not authorized to perform: ${action}`), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 403 },
  });

describe('organization prerequisites', () => {
  // Created here, not at collection time: mockClient patches every client of the class.
  const mocks = () => ({
    organizations: mockClient(OrganizationsClient),
    cloudformation: mockClient(CloudFormationClient),
    sts: mockClient(STSClient),
  });
  let m: ReturnType<typeof mocks>;
  beforeAll(() => {
    m = mocks();
  });
  afterAll(() => {
    for (const mock of Object.values(m)) mock.restore();
  });
  const clients = (): PrerequisiteClients => ({
    organizations: new OrganizationsClient({ region: 'us-east-1' }),
    cloudformation: new CloudFormationClient({ region: 'us-east-1' }),
    sts: new STSClient({ region: 'us-east-1' }),
  });
  const callerIs = (account: string) => m.sts.on(GetCallerIdentityCommand).resolves({ Account: account });
  const summary = (rows: Awaited<ReturnType<typeof organizationPrerequisiteRows>>) =>
    rows.map((r) => [r.check, r.target, r.status]);

  beforeEach(() => {
    for (const mock of Object.values(m)) mock.reset();
    m.organizations.on(DescribeOrganizationCommand).resolves({
      Organization: { Id: ORG_ID, MasterAccountId: MANAGEMENT, FeatureSet: 'ALL' },
    });
    m.organizations.on(ListAWSServiceAccessForOrganizationCommand).resolves({
      EnabledServicePrincipals: [
        { ServicePrincipal: 'config-multiaccountsetup.amazonaws.com' },
        { ServicePrincipal: 'config.amazonaws.com' },
        { ServicePrincipal: STACKSETS },
      ],
    });
    m.cloudformation.on(DescribeOrganizationsAccessCommand).resolves({ Status: 'ENABLED' });
  });

  it('from the management account: every prerequisite met, each delegated administrator listed with the limit', async () => {
    callerIs(MANAGEMENT);
    m.organizations
      .on(ListDelegatedAdministratorsCommand, { ServicePrincipal: 'config-multiaccountsetup.amazonaws.com' })
      .resolves({ DelegatedAdministrators: [{ Id: DELEGATED }, { Id: '777788889999' }, { Id: '121212121212' }] })
      .on(ListDelegatedAdministratorsCommand, { ServicePrincipal: 'config.amazonaws.com' })
      .resolves({ DelegatedAdministrators: [{ Id: DELEGATED }] })
      .on(ListDelegatedAdministratorsCommand, { ServicePrincipal: STACKSETS })
      .resolves({ DelegatedAdministrators: [] });
    const rows = await organizationPrerequisiteRows(clients());
    expect(summary(rows)).toEqual([
      ['management-account', MANAGEMENT, 'ok'],
      ['all-features', 'organization', 'ok'],
      ['trusted-access', 'config-multiaccountsetup.amazonaws.com', 'ok'],
      ['trusted-access', 'config.amazonaws.com', 'ok'],
      ['delegated-admin', 'config-multiaccountsetup.amazonaws.com', 'ok'],
      ['delegated-admin', 'config.amazonaws.com', 'ok'],
      ['delegated-admin', STACKSETS, 'ok'],
      ['stacksets-access', 'CloudFormation StackSets', 'ok'],
    ]);
    expect(rows[0]!.detail).toBe(
      `the management account of ${ORG_ID}: deploy with delegatedAdmin false; the checks below read the organization`,
    );
    expect(rows[4]!.detail).toBe(
      `delegated administrators: 121212121212, ${DELEGATED}, 777788889999 (3 of 3, the limit: deregister one before registering another); deploy from the management account or one registered for all three principals`,
    );
    expect(rows[6]!.detail).toBe(
      `no delegated administrator: deploy from the management account, or register one (aws organizations register-delegated-administrator --service-principal=${STACKSETS} --account-id=<account>)`,
    );
    // The management account asks as itself, and never for a delegated administrator's services.
    expect(m.cloudformation.commandCalls(DescribeOrganizationsAccessCommand)[0]!.args[0].input).toEqual({
      CallAs: 'SELF',
    } satisfies DescribeOrganizationsAccessCommandInput);
    expect(m.organizations.commandCalls(ListDelegatedServicesForAccountCommand)).toHaveLength(0);
  });

  it('from a delegated administrator: fails each missing registration, trusted access and feature, with the command that fixes it', async () => {
    callerIs(DELEGATED);
    m.organizations.on(DescribeOrganizationCommand).resolves({
      Organization: { Id: ORG_ID, MasterAccountId: MANAGEMENT, FeatureSet: 'CONSOLIDATED_BILLING' },
    });
    m.organizations.on(ListAWSServiceAccessForOrganizationCommand).resolves({
      EnabledServicePrincipals: [{ ServicePrincipal: 'config-multiaccountsetup.amazonaws.com' }],
    });
    m.organizations.on(ListDelegatedServicesForAccountCommand).resolves({
      DelegatedServices: [{ ServicePrincipal: 'config-multiaccountsetup.amazonaws.com' }],
    });
    m.cloudformation.on(DescribeOrganizationsAccessCommand).resolves({ Status: 'DISABLED' });
    const rows = await organizationPrerequisiteRows(clients());
    expect(summary(rows)).toEqual([
      ['management-account', DELEGATED, 'ok'],
      ['all-features', 'organization', 'fail'],
      ['trusted-access', 'config-multiaccountsetup.amazonaws.com', 'ok'],
      ['trusted-access', 'config.amazonaws.com', 'fail'],
      ['delegated-admin', 'config-multiaccountsetup.amazonaws.com', 'ok'],
      ['delegated-admin', 'config.amazonaws.com', 'fail'],
      ['delegated-admin', STACKSETS, 'fail'],
      ['stacksets-access', 'CloudFormation StackSets', 'fail'],
    ]);
    const detail = (check: string, target: string) =>
      rows.find((r) => r.check === check && r.target === target)!.detail;
    expect(detail('management-account', DELEGATED)).toMatch(
      new RegExp(`^a member of ${ORG_ID}, whose management account is ${MANAGEMENT}: deploy with delegatedAdmin true`),
    );
    expect(detail('all-features', 'organization')).toBe(
      'the organization has CONSOLIDATED_BILLING features only: organization rules and service-managed stack sets need all features (from the management account: aws organizations enable-all-features)',
    );
    expect(detail('trusted-access', 'config.amazonaws.com')).toBe(
      'trusted access for config.amazonaws.com is not enabled: from the management account, aws organizations enable-aws-service-access --service-principal=config.amazonaws.com',
    );
    expect(detail('delegated-admin', STACKSETS)).toBe(
      `this account (${DELEGATED}) is not a delegated administrator for ${STACKSETS}: from the management account, aws organizations register-delegated-administrator --service-principal=${STACKSETS} --account-id=${DELEGATED}`,
    );
    expect(detail('stacksets-access', 'CloudFormation StackSets')).toMatch(
      /^trusted access with Organizations is DISABLED: service-managed stack sets need it; from the management account, activate it on the StackSets console or with aws cloudformation activate-organizations-access$/,
    );
    // A delegated administrator asks about itself, and as DELEGATED_ADMIN.
    expect(m.organizations.commandCalls(ListDelegatedServicesForAccountCommand)[0]!.args[0].input).toEqual({
      AccountId: DELEGATED,
    });
    expect(m.organizations.commandCalls(ListDelegatedAdministratorsCommand)).toHaveLength(0);
    expect(m.cloudformation.commandCalls(DescribeOrganizationsAccessCommand)[0]!.args[0].input).toEqual({
      CallAs: 'DELEGATED_ADMIN',
    });
  });

  it('from an account registered for nothing: fails all three registrations', async () => {
    callerIs(DELEGATED);
    m.organizations.on(ListDelegatedServicesForAccountCommand).rejects(
      Object.assign(new Error('The specified account is not a delegated administrator for this AWS service.'), {
        name: 'AccountNotRegisteredException',
      }),
    );
    const rows = (await organizationPrerequisiteRows(clients())).filter((r) => r.check === 'delegated-admin');
    expect(rows.map((r) => [r.target, r.status])).toEqual([
      ['config-multiaccountsetup.amazonaws.com', 'fail'],
      ['config.amazonaws.com', 'fail'],
      [STACKSETS, 'fail'],
    ]);
  });

  it('warns, naming the action to grant, for every call the caller may not make, and never throws', async () => {
    callerIs(MANAGEMENT);
    m.organizations
      .on(ListAWSServiceAccessForOrganizationCommand)
      .rejects(denied('ListAWSServiceAccessForOrganization'));
    m.organizations.on(ListDelegatedAdministratorsCommand).rejects(denied('ListDelegatedAdministrators'));
    m.cloudformation.on(DescribeOrganizationsAccessCommand).rejects(denied('DescribeOrganizationsAccess'));
    const rows = await organizationPrerequisiteRows(clients());
    const warned = rows.filter((r) => r.status === 'warn');
    expect(warned.map((r) => [r.check, r.target])).toEqual([
      ['trusted-access', 'config-multiaccountsetup.amazonaws.com'],
      ['trusted-access', 'config.amazonaws.com'],
      ['delegated-admin', 'config-multiaccountsetup.amazonaws.com'],
      ['delegated-admin', 'config.amazonaws.com'],
      ['delegated-admin', STACKSETS],
      ['stacksets-access', 'CloudFormation StackSets'],
    ]);
    expect(warned.map((r) => r.detail)).toEqual([
      ...Array(2).fill(
        'could not check: access denied; grant organizations:ListAWSServiceAccessForOrganization to the caller and run doctor again',
      ),
      ...Array(3).fill(
        'could not check: access denied; grant organizations:ListDelegatedAdministrators to the caller and run doctor again',
      ),
      'could not check: access denied; grant cloudformation:DescribeOrganizationsAccess to the caller and run doctor again',
    ]);
  });

  it('warns when it cannot tell who is calling, and still checks what does not depend on it', async () => {
    m.sts.on(GetCallerIdentityCommand).rejects(denied('GetCallerIdentity'));
    m.organizations.on(DescribeOrganizationCommand).rejects(denied('DescribeOrganization'));
    m.organizations.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: [] });
    const rows = await organizationPrerequisiteRows(clients());
    expect(summary(rows).slice(0, 2)).toEqual([
      ['management-account', 'this account', 'warn'],
      ['management-account', 'this account', 'warn'],
    ]);
    expect(rows[0]!.detail).toMatch(/grant sts:GetCallerIdentity /);
    expect(rows[1]!.detail).toMatch(/grant organizations:DescribeOrganization /);
    expect(rows.filter((r) => r.check === 'trusted-access' && r.status === 'ok')).toHaveLength(2);
    expect(rows.find((r) => r.check === 'stacksets-access')!.status).toBe('ok');
  });

  it('fails once, and checks nothing else, outside any organization', async () => {
    callerIs(DELEGATED);
    m.organizations.on(DescribeOrganizationCommand).rejects(
      Object.assign(new Error('Your account is not a member of an organization.'), {
        name: 'AWSOrganizationsNotInUseException',
      }),
    );
    expect(await organizationPrerequisiteRows(clients())).toEqual([
      {
        check: 'management-account',
        target: DELEGATED,
        status: 'fail',
        detail: 'this account belongs to no organization: organization mode deploys from an organization',
      },
    ]);
    expect(m.cloudformation.commandCalls(DescribeOrganizationsAccessCommand)).toHaveLength(0);
  });
});
