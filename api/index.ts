// The package's entry point, `import { rules, evaluate } from 'ml-config-rules'`: the registry of
// every rule (each with its `id`) and the evaluator the command and the Lambda functions share.
export { evaluate, type EvaluateOptions } from './evaluate.js';
export { ruleById, rules } from '../rules/index.js';
export type { Evaluation } from '../rules/_core/evaluations.js';
export type { ComplianceType, Rule } from '../rules/_core/rule.js';
