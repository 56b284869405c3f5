// PutEvaluations: batches of at most 100, TESTMODE → TestMode, any FailedEvaluations → fail.
import { PutEvaluationsCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import { FailedEvaluationsError, InvalidEventError } from './errors.js';
import { batches, type Evaluation } from './evaluations.js';

export const TEST_MODE_TOKEN = 'TESTMODE';

export async function putEvaluations(
  config: ConfigServiceClient,
  evaluations: Evaluation[],
  resultToken: string | undefined,
): Promise<number> {
  if (evaluations.length === 0) return 0;
  if (!resultToken) throw new InvalidEventError('the event has no resultToken, so its evaluations cannot be reported');
  const testMode = resultToken === TEST_MODE_TOKEN;
  let calls = 0;
  for (const batch of batches(evaluations, 100)) {
    const out = await config.send(
      new PutEvaluationsCommand({
        ResultToken: resultToken,
        TestMode: testMode,
        // The fields PutEvaluations takes, and no others: a suppressed verdict stays local.
        Evaluations: batch.map((e) => ({
          ComplianceResourceType: e.ComplianceResourceType,
          ComplianceResourceId: e.ComplianceResourceId,
          ComplianceType: e.ComplianceType,
          ...(e.Annotation ? { Annotation: e.Annotation } : {}),
          OrderingTimestamp: new Date(e.OrderingTimestamp),
        })),
      }),
    );
    calls++;
    const failed = out.FailedEvaluations ?? [];
    if (failed.length > 0) {
      const first = failed
        .slice(0, 3)
        .map((f) => `${f.ComplianceResourceType} ${f.ComplianceResourceId}`)
        .join('; ');
      throw new FailedEvaluationsError(
        `AWS Config rejected ${failed.length} of ${batch.length} evaluations (${first})`,
      );
    }
  }
  return calls;
}

/**
 * The resource type a PutEvaluations call was refused for, when the error is Config's
 * InvalidParameterValueException naming one of the types sent ("The resource type X is invalid.
 * Only the following values are permitted: [...]", as reported in
 * https://github.com/awslabs/aws-config-rdk/issues/290). Anything else: undefined.
 */
export function refusedResourceType(error: unknown, sent: readonly Evaluation[]): string | undefined {
  const err = error as { name?: string; message?: string } | undefined;
  if (err?.name !== 'InvalidParameterValueException') return undefined;
  // A refusal without a message names no type: String(undefined) matches nothing.
  const named = /resource type\s+'?([A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+)'?\s+is invalid/i.exec(
    String(err.message),
  )?.[1];
  return named && sent.some((e) => e.ComplianceResourceType === named) ? named : undefined;
}
