// Typed errors of the runtime. Each message says what was wrong and what is expected.
// None of these is ever turned into a compliance verdict: they fail the invocation.

export class RuleError extends Error {
  override name = 'RuleError';
  /** `input` errors are the user's to fix (bad event, parameter, rule id); the CLI exits 2. */
  readonly kind: 'input' | 'runtime' = 'input';
}

/** A rule parameter is unknown or its value does not have the expected form. */
export class InvalidParametersError extends RuleError {
  override name = 'InvalidParametersError';
}

/** The event is not a Config rule event this runtime can handle. */
export class UnsupportedEventError extends RuleError {
  override name = 'UnsupportedEventError';
}

/** The event or configuration item is malformed (missing field, bad JSON string...). */
export class InvalidEventError extends RuleError {
  override name = 'InvalidEventError';
}

/** A configuration item's field does not have the type AWS Config gives it: no verdict, the invocation fails. */
export class InvalidConfigurationError extends RuleError {
  override name = 'InvalidConfigurationError';
}

/** A fixtures folder is not laid out as expected (`_lookup` not a folder, `_params.json` not an object). */
export class InvalidFixtureError extends RuleError {
  override name = 'InvalidFixtureError';
}

/** A suppression is malformed, has no reason, or has lapsed (suppressions.ts). */
export class SuppressionError extends RuleError {
  override name = 'SuppressionError';
}

/** No rule has that id. */
export class UnknownRuleError extends RuleError {
  override name = 'UnknownRuleError';
}

/** A rule broke its own contract (bad verdict, NON_COMPLIANT without annotation...). */
export class RuleContractError extends RuleError {
  override name = 'RuleContractError';
  override readonly kind = 'runtime';
}

/** AWS Config refused some evaluations in PutEvaluations. */
export class FailedEvaluationsError extends RuleError {
  override name = 'FailedEvaluationsError';
  override readonly kind = 'runtime';
}

/** A rule asked for a resource that the lookup could not provide and the rule requires. */
export class LookupError extends RuleError {
  override name = 'LookupError';
  override readonly kind = 'runtime';
}
