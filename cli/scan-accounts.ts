// The accounts a scan covers: the caller's own, or with --role-name the accounts given with
// --accounts or listed by AWS Organizations (--organization), each reached by assuming that role
// (the member role the deploy's organization mode creates is one). An account that cannot be
// reached is reported as a row of the scan, never the end of it.
import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { clientConfig } from '../rules/_core/clients.js';
import {
  arnParts,
  assumedRoleCredentials,
  memberRoleArn,
  type CredentialProvider,
} from '../rules/_core/cross-account.js';
import { nameFailedCalls } from './aws-errors.js';
import { regionClients, type RegionClients } from './live-sources.js';
import { UsageError } from './output.js';

export interface AccountTarget {
  /** undefined: the caller's own account, with the default credential chain. */
  accountId?: string;
  /** The role assumed there; its credentials. */
  roleArn?: string;
  credentials?: CredentialProvider;
}

export interface AccountOptions {
  roleName?: string;
  /** Comma-separated account ids. */
  accounts?: string;
  organization?: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;
// IAM role names: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** Check the options before anything is called: a mistake is a usage error (exit 2). */
export function checkAccountOptions(options: AccountOptions): void {
  if (options.roleName === undefined) {
    if (options.accounts !== undefined || options.organization)
      throw new UsageError('--accounts and --organization need --role-name (the role to assume in each account)');
    return;
  }
  if (!ROLE_NAME.test(options.roleName))
    throw new UsageError(`--role-name ${JSON.stringify(options.roleName)} is not an IAM role name`);
  if (options.accounts !== undefined && options.organization)
    throw new UsageError('use --accounts or --organization, not both');
  if (options.accounts === undefined && !options.organization)
    throw new UsageError('--role-name needs --accounts ID,... or --organization');
  const ids = accountIdsOf(options.accounts ?? '');
  const bad = ids.find((id) => !ACCOUNT_ID.test(id));
  if (options.accounts !== undefined && (ids.length === 0 || bad !== undefined)) {
    throw new UsageError(
      `--accounts must be 12-digit account ids separated by commas${bad ? `, got ${JSON.stringify(bad)}` : ''}`,
    );
  }
}

const accountIdsOf = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  ),
];

/**
 * The organization's active accounts (ListAccounts: management account or delegated administrator).
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
 */
export async function organizationAccounts(region: string): Promise<string[]> {
  const client = nameFailedCalls(new OrganizationsClient(clientConfig({ region })));
  const ids: string[] = [];
  for await (const page of paginateListAccounts({ client }, {})) {
    for (const a of page.Accounts ?? []) {
      // `State` replaces the deprecated `Status`; either says ACTIVE for a usable account.
      const state = (a as { State?: string }).State ?? a.Status;
      if (a.Id && (state === undefined || state === 'ACTIVE')) ids.push(a.Id);
    }
  }
  return ids.sort();
}

/** The partition of the caller (aws, aws-cn, aws-us-gov), for the role ARNs. */
async function callerPartition(clients: RegionClients): Promise<string> {
  const me = await clients.sts.send(new GetCallerIdentityCommand({}));
  return arnParts(me.Arn)?.partition ?? 'aws';
}

export async function accountTargets(
  options: AccountOptions,
  region: string,
  own: () => RegionClients = () => regionClients(region),
): Promise<AccountTarget[]> {
  if (options.roleName === undefined) return [{}];
  const ids = options.organization ? await organizationAccounts(region) : accountIdsOf(options.accounts ?? '');
  const partition = await callerPartition(own());
  return ids.map((accountId) => {
    const roleArn = memberRoleArn(partition, accountId, options.roleName!);
    // Assumed when the account's scan starts: a role that is missing or does not trust the
    // caller fails that account's row only.
    return { accountId, roleArn, credentials: assumedRoleCredentials(roleArn, region) };
  });
}

/** Assume the target's role now, so a refusal is reported as such (not as the first call that needed it). */
export async function reachAccount(target: AccountTarget): Promise<void> {
  if (!target.credentials) return;
  try {
    await target.credentials();
  } catch (error) {
    const e = error as { name?: string; message?: string };
    throw new Error(
      `cannot assume ${target.roleArn ?? 'the role'}: ${e.name ?? 'Error'}: ${String(e.message ?? error).split('\n')[0]}`,
    );
  }
}
