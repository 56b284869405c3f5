// What never reaches a recorded configuration item: a value under a secret's name, a credential
// by its shape (the shared detector, rules/_core/secrets.ts), the password of a URL, and the
// signature of a presigned URL. Each is replaced by its meaning, the REDACTED marker `record` also
// writes, so a rule still sees that a value exists. References stay: an ARN (of a Secrets Manager
// secret, say) names where a secret lives, not the secret.
import { KEY_LIKE_NAME, REDACTED, secretShaped, URL_CREDENTIALS } from '../_core/secrets.js';

export const REDACTED_VALUE = REDACTED;

// Query parameters of an S3 presigned URL (SigV4 and SigV2) that grant access on their own.
const SIGNED_QUERY = /[?&](?:X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|Signature|AWSAccessKeyId)=/i;
const URL_WITH_QUERY = /\b(https?:\/\/[^\s?#'"]+)\?[^\s#'"]*/gi;
// header.payload.signature, each base64url; JWT headers start with {" (eyJ).
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

const isReference = (text: string) => /^arn:aws[a-z-]*:/.test(text) || /^\{\{resolve:/.test(text);

/** The value as it may be recorded; `name` is the field or map key it sits under. */
export function redactString(text: string, name?: string): string {
  if (text === '' || text === REDACTED) return text;
  if (name !== undefined && KEY_LIKE_NAME.test(name) && !isReference(text)) return REDACTED;
  if (secretShaped(text, name) !== undefined) return REDACTED;
  let out = text.replace(JWT, REDACTED);
  out = out.replace(URL_CREDENTIALS, (match) => match.replace(/:[^:@/]*@$/, `:${REDACTED}@`));
  out = out.replace(URL_WITH_QUERY, (match, base: string) =>
    SIGNED_QUERY.test(match) ? `${base}?${REDACTED}` : match,
  );
  return out;
}
