// The component provider's entry: the MlConfigRules component, hosted for Python and every other
// Pulumi language as a source-based component package (PulumiPlugin.yaml beside it). Pulumi's
// component provider reads this file's exports and derives the package schema from the
// component's TypeScript types (schema.json is that schema, checked by a test).
export { MlConfigRules, type MlConfigRulesArgs } from '../deploy/component.js';
