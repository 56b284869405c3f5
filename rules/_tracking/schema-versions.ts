// The registered schema version of each tracked type in a member account (organization mode).
// PutResourceConfig takes the SchemaVersionId of the type as registered in the account the item
// is recorded in (https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html).
// The deploy passes this account's versions in the function's environment; a member's come from
// its own registration (the stack set's ResourceVersion, made default), whose version id follows
// that account's own registration history: so the capture asks the member's registry, DescribeType
// without a version answering the default one
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeType.html).
import { type CloudFormationClient, DescribeTypeCommand } from '@aws-sdk/client-cloudformation';
import type { TrackedResource } from './names.js';
import { trackedTypes } from './types.js';

export type SchemaVersions = Partial<Record<TrackedResource, string>>;

/** Versions change only when the deploy registers a new schema: a warm function asks again after this long. */
export const MEMBER_VERSIONS_TTL_MS = 10 * 60_000;

const cache = new Map<string, { at: number; versions: Promise<SchemaVersions> }>();

/** The default version of each tracked type registered in the client's account; a type not registered there is left out. */
export async function registeredVersions(
  cloudformation: CloudFormationClient,
  namespace: string,
): Promise<SchemaVersions> {
  const versions: SchemaVersions = {};
  for (const type of trackedTypes(namespace)) {
    try {
      const out = await cloudformation.send(new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: type.typeName }));
      if (out.DefaultVersionId) versions[type.resource] = out.DefaultVersionId;
    } catch (error) {
      // Not registered there: planRequest then says which type and why.
      if ((error as Error).name !== 'TypeNotFoundException') throw error;
    }
  }
  return versions;
}

/** A member account's versions, read once per account and namespace for MEMBER_VERSIONS_TTL_MS. */
export function memberVersions(
  accountId: string,
  namespace: string,
  cloudformation: () => CloudFormationClient,
  now: () => number = Date.now,
): Promise<SchemaVersions> {
  const key = `${accountId} ${namespace}`;
  const hit = cache.get(key);
  if (hit && now() - hit.at < MEMBER_VERSIONS_TTL_MS) return hit.versions;
  const versions = registeredVersions(cloudformation(), namespace);
  cache.set(key, { at: now(), versions });
  // A failed read is not kept: the next event asks again.
  versions.catch(() => cache.delete(key));
  return versions;
}

/** For tests: forget the cached versions. */
export function clearMemberVersions(): void {
  cache.clear();
}
