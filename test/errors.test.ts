// The runtime's errors (rules/_core/errors.ts): the name a log line and the command print for
// each, and whether it is the user's to fix (the command exits 2) or the run's (it fails).
import { describe, expect, it } from 'vitest';
import * as errors from '../rules/_core/errors.js';

const RUNTIME = ['RuleContractError', 'FailedEvaluationsError', 'LookupError'];

describe('runtime errors', () => {
  const classes = Object.entries(errors).filter(([, value]) => typeof value === 'function') as [
    string,
    new (message: string) => errors.RuleError,
  ][];

  it('are all here: eleven classes', () => {
    expect(classes.map(([name]) => name).sort()).toEqual(
      [
        'FailedEvaluationsError',
        'InvalidConfigurationError',
        'InvalidEventError',
        'InvalidFixtureError',
        'InvalidParametersError',
        'LookupError',
        'RuleContractError',
        'RuleError',
        'SuppressionError',
        'UnknownRuleError',
        'UnsupportedEventError',
      ].sort(),
    );
  });

  it.each(Object.keys(errors).filter((k) => typeof (errors as Record<string, unknown>)[k] === 'function'))(
    '%s names itself and says whose mistake it is',
    (name) => {
      const Class = (errors as unknown as Record<string, new (message: string) => errors.RuleError>)[name]!;
      const error = new Class('what was wrong');
      expect(error.name).toBe(name);
      expect(String(error)).toBe(`${name}: what was wrong`);
      expect(error).toBeInstanceOf(errors.RuleError);
      expect(error.kind).toBe(RUNTIME.includes(name) ? 'runtime' : 'input');
    },
  );
});
