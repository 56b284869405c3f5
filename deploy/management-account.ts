// The organization's management account in organization mode. AWS does not say whether
// organization Config rules deploy there; Pulumi's and Terraform's docs for the resource say they
// do unless it is excluded ("rules will include the master account unless its ID is added to the
// excludedAccounts argument",
// https://www.pulumi.com/registry/packages/aws/api-docs/cfg/organizationcustomrule/). A
// service-managed stack set never deploys there: "CloudFormation doesn't deploy stacks to the
// management account, even if that account is part of your organization"
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-associate-stackset-with-org.html).
//
// Deployed from the management account, the functions run there and evaluate it with their own
// roles: nothing to do. Deployed from a delegated administrator, the functions would assume the
// member role in the management account, which the stack set did not create, and every
// evaluation there would fail. So by default (managementAccount: exclude) the organization rules
// exclude it, and preview says so; with `include`, the operator creates the member role there
// from the same template (docs/deploy.md, "The management account").
import { EXCLUDED_ACCOUNTS_MAX, NAMESPACE, StackConfigError, type StackConfig } from './config.js';

export const STACK_SETS_SKIP_MANAGEMENT =
  'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-associate-stackset-with-org.html';

export interface Exclusions {
  /** What the organization rules exclude: the configured accounts, and maybe the management account. */
  accounts: string[];
  /** What preview says about the management account, if anything. */
  note?: { level: 'info' | 'warn'; message: string };
}

/**
 * The accounts the organization rules exclude, given the management account's id (from
 * DescribeOrganization's MasterAccountId) and this account's.
 */
export function exclusionsFor(config: StackConfig, managementAccount: string, ownAccount: string): Exclusions {
  const accounts = [...config.excludedAccounts];
  if (!config.delegatedAdmin || !managementAccount) return { accounts };
  if (managementAccount === ownAccount) {
    return {
      accounts,
      note: {
        level: 'warn',
        message: `${NAMESPACE}:delegatedAdmin is true, but this is the management account ${ownAccount}: set it to false (the stack set is created as SELF from here)`,
      },
    };
  }
  if (config.managementAccount === 'include') {
    return {
      accounts,
      note: {
        level: 'warn',
        message:
          `the organization rules evaluate the management account ${managementAccount} (${NAMESPACE}:managementAccount include): ` +
          `the stack set cannot create the member role ${config.memberRoleName} there (${STACK_SETS_SKIP_MANAGEMENT}); ` +
          'create it from the stack output memberRoleTemplate as docs/deploy.md shows, or its evaluations fail',
      },
    };
  }
  if (accounts.includes(managementAccount)) return { accounts };
  accounts.push(managementAccount);
  if (accounts.length > EXCLUDED_ACCOUNTS_MAX)
    throw new StackConfigError(
      `${NAMESPACE}:excludedAccounts: lists ${accounts.length - 1} accounts, and the management account ${managementAccount} ` +
        `(${NAMESPACE}:managementAccount exclude) makes ${accounts.length}; organization rules take at most ${EXCLUDED_ACCOUNTS_MAX}`,
    );
  return {
    accounts,
    note: {
      level: 'info',
      message:
        `the organization rules exclude the management account ${managementAccount} (${NAMESPACE}:managementAccount exclude): ` +
        `a service-managed stack set never creates the member role there (${STACK_SETS_SKIP_MANAGEMENT}), so the functions ` +
        'in this delegated administrator could not evaluate it; to evaluate it, set managementAccount include and create the role there',
    },
  };
}
