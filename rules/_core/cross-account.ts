// Evaluations for another account. In organization mode the functions stay in the deploying
// account, while Config invokes them for every member account: the event's `accountId` is the
// member's, and its result token only works with that account's credentials. So whenever the
// event's account differs from the function's own account, the runtime assumes a role of a
// configured name in the event's account and does the reads and PutEvaluations there.
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, Provider } from '@aws-sdk/types';
import { RuleError } from './errors.js';

/** Name of the role to assume in member accounts; set on the function by the deploy. */
export const MEMBER_ROLE_ENV = 'ML_CONFIG_RULES_MEMBER_ROLE';
export const ROLE_SESSION_NAME = 'ml-config-rules';
/** Credentials are renewed this long before they expire, so no call runs with stale ones. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** The event is for an account this function cannot reach (no role configured, or the assume failed). */
export class CrossAccountError extends RuleError {
  override name = 'CrossAccountError';
  override readonly kind = 'runtime';
}

export interface ArnParts {
  partition: string;
  region: string;
  accountId: string;
}

/** arn:<partition>:<service>:<region>:<account>:... */
export function arnParts(arn: string | undefined): ArnParts | undefined {
  const parts = arn?.split(':');
  if (!parts || parts.length < 6 || parts[0] !== 'arn' || !/^\d{12}$/.test(parts[4] ?? '')) return undefined;
  return { partition: parts[1]!, region: parts[3]!, accountId: parts[4]! };
}

export function memberRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/**
 * The member account an event must be evaluated in, or undefined when it is the function's own
 * account (or either side is unknown, as in local runs and tests without a Lambda context).
 */
export function memberAccountOf(
  eventAccountId: string | undefined,
  invokedFunctionArn: string | undefined,
): ArnParts | undefined {
  const own = arnParts(invokedFunctionArn);
  if (!own || !eventAccountId || eventAccountId === own.accountId) return undefined;
  return { ...own, accountId: eventAccountId };
}

export type CredentialProvider = Provider<AwsCredentialIdentity>;
const providers = new Map<string, CredentialProvider>();

/**
 * Credentials of `roleArn`, assumed with STS and cached per role (so per account) across
 * invocations of a warm function; renewed shortly before they expire.
 */
export function assumedRoleCredentials(roleArn: string, region?: string): CredentialProvider {
  let provider = providers.get(roleArn);
  if (provider) return provider;
  const assume = fromTemporaryCredentials({
    params: { RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME },
    ...(region ? { clientConfig: { region } } : {}),
  });
  let current: Promise<AwsCredentialIdentity> | undefined;
  provider = async () => {
    const cached = current && (await current.catch(() => undefined));
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS)) return cached;
    current = assume();
    return current;
  };
  providers.set(roleArn, provider);
  return provider;
}

/** Resolve the member role's credentials now, so a missing role or trust fails with a clear message. */
export async function assumeMemberRole(member: ArnParts, roleName: string | undefined): Promise<CredentialProvider> {
  if (!roleName) {
    throw new CrossAccountError(
      `the event is for account ${member.accountId}, but this function runs in another account and ${MEMBER_ROLE_ENV} is not set ` +
        '(deploy with organization: true to evaluate member accounts)',
    );
  }
  const roleArn = memberRoleArn(member.partition, member.accountId, roleName);
  const credentials = assumedRoleCredentials(roleArn, member.region);
  try {
    await credentials();
  } catch (error) {
    providers.delete(roleArn);
    throw new CrossAccountError(
      `could not assume ${roleArn} to evaluate account ${member.accountId}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return credentials;
}

/** For tests: forget cached credentials. */
export function clearCrossAccountCache(): void {
  providers.clear();
}
