// What never reaches a recorded configuration item: a value under a secret's name, a credential
// by its shape (the shared detector, rules/_core/secrets.ts: the token formats, JWTs, literals
// assigned to a secret's name inside a value), the password of a URL, and the signature of a
// presigned URL. Each is replaced by the REDACTED marker `record` also writes, so a rule still
// sees that a value exists. References stay: an ARN (of a Secrets Manager secret, say) names where
// a secret lives, not the secret. Unlike `record`, nothing is taken out for merely looking
// generated: a recorded item keeps its key ids, digests and resource ids, which rules compare.
import { isSecretName } from '../_core/secret-names.js';
import { locateSecrets, REDACTED } from '../_core/secrets.js';

export const REDACTED_VALUE = REDACTED;

// scheme://user:password@host
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+):[^\s@/'"]+@/gi;
// Query parameters of an S3 presigned URL (SigV4 and SigV2) that grant access on their own
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
const SIGNED_QUERY = /[?&](?:X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|Signature|AWSAccessKeyId)=/i;
const URL_WITH_QUERY = /\b(https?:\/\/[^\s?#'"]+)\?[^\s#'"]*/gi;

const isReference = (text: string) => /^arn:aws[a-z-]*:/.test(text) || /^\{\{resolve:/.test(text);

/** The value as it may be recorded; `name` is the field or map key it sits under. */
export function redactString(text: string, name?: string): string {
  if (text === '' || text === REDACTED || isReference(text)) return text;
  if (name !== undefined && isSecretName(name)) return REDACTED;
  let out = text;
  // Last finding first, so earlier offsets stay right.
  for (const found of locateSecrets(text).sort((a, b) => b.start - a.start))
    out = `${out.slice(0, found.start)}${REDACTED}${out.slice(found.end)}`;
  out = out.replace(URL_CREDENTIALS, (_match, head: string) => `${head}:${REDACTED}@`);
  return out.replace(URL_WITH_QUERY, (match, base: string) =>
    SIGNED_QUERY.test(match) ? `${base}?${REDACTED}` : match,
  );
}
