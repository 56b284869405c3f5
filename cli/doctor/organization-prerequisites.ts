// `doctor --organization`: what the organization must allow before organization mode deploys
// (docs/deploy.md, "Prerequisites"), one row per prerequisite. Read-only: DescribeOrganization,
// GetCallerIdentity, ListAWSServiceAccessForOrganization, ListDelegatedAdministrators or
// ListDelegatedServicesForAccount, and CloudFormation DescribeOrganizationsAccess. A call the
// caller may not make is a warning naming the action to grant, never the end of the check.
import { CloudFormationClient, DescribeOrganizationsAccessCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeOrganizationCommand,
  OrganizationsClient,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount,
} from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, isAccessDenied } from '../../rules/_core/clients.js';
import { errorText, nameFailedCalls } from '../aws-errors.js';
import type { CheckRow } from './row.js';
import { append } from '../../rules/_core/arrays.js';

export interface PrerequisiteClients {
  organizations: OrganizationsClient;
  cloudformation: CloudFormationClient;
  sts: STSClient;
}

export function prerequisiteClients(region: string): PrerequisiteClients {
  const options = clientConfig({ region });
  return {
    organizations: nameFailedCalls(new OrganizationsClient(options)),
    cloudformation: nameFailedCalls(new CloudFormationClient(options)),
    sts: nameFailedCalls(new STSClient(options)),
  };
}

/**
 * Trusted access for both: organization rules need config-multiaccountsetup, the organization
 * aggregator config (https://docs.aws.amazon.com/config/latest/developerguide/aggregated-register-delegated-administrator.html).
 */
export const CONFIG_PRINCIPALS = ['config-multiaccountsetup.amazonaws.com', 'config.amazonaws.com'] as const;
/** A StackSets delegated administrator is registered for this principal (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-delegated-admin.html). */
export const STACKSETS_PRINCIPAL = 'member.org.stacksets.cloudformation.amazonaws.com';

/**
 * Delegated administrators an organization may register: 3 for AWS Config
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_PutOrganizationConfigRule.html),
 * 5 for StackSets (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-delegated-admin.html).
 */
export const DELEGATED_ADMIN_LIMITS: Record<string, number> = {
  'config-multiaccountsetup.amazonaws.com': 3,
  'config.amazonaws.com': 3,
  [STACKSETS_PRINCIPAL]: 5,
};

const DELEGATED_PRINCIPALS = [...CONFIG_PRINCIPALS, STACKSETS_PRINCIPAL];

/** Who is asking: the caller's account and the organization's management account. */
interface Caller {
  account?: string;
  organizationId?: string;
  managementAccount?: string;
  featureSet?: string;
}

type Role = 'management' | 'delegated' | 'unknown';

/** A call that failed as a warning: a denial names the IAM action to grant, anything else says what happened. */
function couldNotCheck(check: string, target: string, action: string, error: unknown): CheckRow {
  return {
    check,
    target,
    status: 'warn',
    detail: isAccessDenied(error)
      ? `could not check: access denied; grant ${action} to the caller and run doctor again`
      : `could not check (${errorText(error)}): allow ${action} to the caller and run doctor again`,
  };
}

const registerCommand = (principal: string, account: string) =>
  `aws organizations register-delegated-administrator --service-principal=${principal} --account-id=${account}`;

export async function organizationPrerequisiteRows(clients: PrerequisiteClients): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  const caller: Caller = {};
  try {
    caller.account = (await clients.sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    rows.push(couldNotCheck('management-account', 'this account', 'sts:GetCallerIdentity', error));
  }
  try {
    const { Organization } = await clients.organizations.send(new DescribeOrganizationCommand({}));
    caller.organizationId = Organization?.Id;
    caller.managementAccount = Organization?.MasterAccountId;
    caller.featureSet = Organization?.FeatureSet;
  } catch (error) {
    if ((error as Error).name === 'AWSOrganizationsNotInUseException') {
      rows.push({
        check: 'management-account',
        target: caller.account ?? 'this account',
        status: 'fail',
        detail: 'this account belongs to no organization: organization mode deploys from an organization',
      });
      return rows;
    }
    rows.push(
      couldNotCheck(
        'management-account',
        caller.account ?? 'this account',
        'organizations:DescribeOrganization',
        error,
      ),
    );
  }

  const role: Role =
    caller.account && caller.managementAccount
      ? caller.account === caller.managementAccount
        ? 'management'
        : 'delegated'
      : 'unknown';
  if (role !== 'unknown') rows.push(managementRow(caller, role));
  if (caller.featureSet) rows.push(featuresRow(caller.featureSet));
  append(rows, await trustedAccessRows(clients.organizations));
  append(rows, await delegatedAdminRows(clients.organizations, role, caller.account));
  rows.push(await stackSetsAccessRow(clients.cloudformation, role));
  return rows;
}

function managementRow(caller: Caller, role: Role): CheckRow {
  const target = caller.account!;
  return role === 'management'
    ? {
        check: 'management-account',
        target,
        status: 'ok',
        detail: `the management account of ${caller.organizationId}: deploy with delegatedAdmin false; the checks below read the organization`,
      }
    : {
        check: 'management-account',
        target,
        status: 'ok',
        detail: `a member of ${caller.organizationId}, whose management account is ${caller.managementAccount}: deploy with delegatedAdmin true once the rows below pass, and managementAccount exclude (the default) unless you create the member role there`,
      };
}

function featuresRow(featureSet: string): CheckRow {
  return featureSet === 'ALL'
    ? { check: 'all-features', target: 'organization', status: 'ok', detail: 'all features are enabled' }
    : {
        check: 'all-features',
        target: 'organization',
        status: 'fail',
        detail: `the organization has ${featureSet} features only: organization rules and service-managed stack sets need all features (from the management account: aws organizations enable-all-features)`,
      };
}

async function trustedAccessRows(organizations: OrganizationsClient): Promise<CheckRow[]> {
  const enabled = new Set<string>();
  try {
    for await (const page of paginateListAWSServiceAccessForOrganization({ client: organizations }, {}))
      for (const p of page.EnabledServicePrincipals ?? []) if (p.ServicePrincipal) enabled.add(p.ServicePrincipal);
  } catch (error) {
    return CONFIG_PRINCIPALS.map((p) =>
      couldNotCheck('trusted-access', p, 'organizations:ListAWSServiceAccessForOrganization', error),
    );
  }
  return CONFIG_PRINCIPALS.map((p) =>
    enabled.has(p)
      ? { check: 'trusted-access', target: p, status: 'ok', detail: `trusted access for ${p} is enabled` }
      : {
          check: 'trusted-access',
          target: p,
          status: 'fail',
          detail: `trusted access for ${p} is not enabled: from the management account, aws organizations enable-aws-service-access --service-principal=${p}`,
        },
  );
}

/**
 * From the management account: who is registered for each principal (none is needed to deploy
 * from there). From a delegated administrator: whether it is registered for each.
 */
async function delegatedAdminRows(
  organizations: OrganizationsClient,
  role: Role,
  account: string | undefined,
): Promise<CheckRow[]> {
  if (role === 'delegated') return ownRegistrationRows(organizations, account!);
  const rows: CheckRow[] = [];
  for (const principal of DELEGATED_PRINCIPALS) {
    const accounts: string[] = [];
    try {
      for await (const page of paginateListDelegatedAdministrators(
        { client: organizations },
        { ServicePrincipal: principal },
      ))
        for (const a of page.DelegatedAdministrators ?? []) if (a.Id) accounts.push(a.Id);
    } catch (error) {
      rows.push(couldNotCheck('delegated-admin', principal, 'organizations:ListDelegatedAdministrators', error));
      continue;
    }
    const limit = DELEGATED_ADMIN_LIMITS[principal]!;
    const full = accounts.length >= limit ? `, the limit: deregister one before registering another` : '';
    rows.push({
      check: 'delegated-admin',
      target: principal,
      status: 'ok',
      detail:
        accounts.length === 0
          ? `no delegated administrator: deploy from the management account, or register one (${registerCommand(principal, '<account>')})`
          : `delegated administrators: ${accounts.sort().join(', ')} (${accounts.length} of ${limit}${full}); deploy from the management account or one registered for all three principals`,
    });
  }
  return rows;
}

async function ownRegistrationRows(organizations: OrganizationsClient, account: string): Promise<CheckRow[]> {
  const delegated = new Set<string>();
  try {
    for await (const page of paginateListDelegatedServicesForAccount({ client: organizations }, { AccountId: account }))
      for (const s of page.DelegatedServices ?? []) if (s.ServicePrincipal) delegated.add(s.ServicePrincipal);
  } catch (error) {
    // "The specified account is not a delegated administrator for this AWS service": for none at all.
    if ((error as Error).name !== 'AccountNotRegisteredException')
      return DELEGATED_PRINCIPALS.map((p) =>
        couldNotCheck('delegated-admin', p, 'organizations:ListDelegatedServicesForAccount', error),
      );
  }
  return DELEGATED_PRINCIPALS.map((p) =>
    delegated.has(p)
      ? {
          check: 'delegated-admin',
          target: p,
          status: 'ok',
          detail: `this account (${account}) is a delegated administrator for ${p}`,
        }
      : {
          check: 'delegated-admin',
          target: p,
          status: 'fail',
          detail: `this account (${account}) is not a delegated administrator for ${p}: from the management account, ${registerCommand(p, account)}`,
        },
  );
}

/** StackSets trusted access: the management account asks as SELF, a delegated administrator as DELEGATED_ADMIN. */
async function stackSetsAccessRow(cloudformation: CloudFormationClient, role: Role): Promise<CheckRow> {
  const target = 'CloudFormation StackSets';
  const callAs = role === 'delegated' ? 'DELEGATED_ADMIN' : 'SELF';
  let status: string | undefined;
  try {
    status = (await cloudformation.send(new DescribeOrganizationsAccessCommand({ CallAs: callAs }))).Status;
  } catch (error) {
    return couldNotCheck('stacksets-access', target, 'cloudformation:DescribeOrganizationsAccess', error);
  }
  if (status === 'ENABLED')
    return { check: 'stacksets-access', target, status: 'ok', detail: 'trusted access with Organizations is active' };
  return {
    check: 'stacksets-access',
    target,
    status: 'fail',
    detail: `trusted access with Organizations is ${status ?? 'unknown'}: service-managed stack sets need it; from the management account, activate it on the StackSets console or with aws cloudformation activate-organizations-access`,
  };
}
