// Physical names. A Config rule is named prefix + rule id (the id is the contract); functions and
// roles carry the same name where AWS's length limits allow, and a short hash where they do not.
import { createHash } from 'node:crypto';

/** The stack's default namePrefix: Config rule name = prefix + rule id. */
export const DEFAULT_NAME_PREFIX = 'ml-config-';

/** AWS limits: Lambda function and IAM role names 64, organization rule names 64. */
export const NAME_MAX = 64;

export function boundedName(name: string, max = NAME_MAX): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - hash.length - 1).replace(/[-_]+$/, '')}-${hash}`;
}

export const configRuleName = (prefix: string, ruleId: string) => `${prefix}${ruleId}`;
export const functionName = (prefix: string, ruleId: string) => boundedName(`${prefix}${ruleId}`);
/**
 * Every function's role starts with this prefix, and no other role the deploy creates does: the
 * member role's trust names the prefix (ArnLike), so its size does not grow with the selection.
 */
export const evaluatorRolePrefix = (prefix: string) => `${prefix}eval-`;
export const evaluatorRoleName = (prefix: string, ruleId: string) =>
  boundedName(`${evaluatorRolePrefix(prefix)}${ruleId}`);
export const remediationRoleName = (prefix: string, ruleId: string) => boundedName(`${prefix}${ruleId}-fix`);
