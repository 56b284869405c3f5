// A rule's Config rule, in this account (aws.cfg.Rule) or across the organization
// (aws.cfg.OrganizationCustomRule): one description of what it says (name, function, triggers,
// scope, parameters), built once, then laid out in the shape each resource takes. The two forms
// cannot drift apart: a trigger, scope or parameter added here reaches both.
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { changeTypesOf, scheduleOf, typeSourceOf } from '../rules/_core/recording.js';
import type { Frequency, Rule } from '../rules/_core/rule.js';
import { DEFAULT_TRACKING_NAMESPACE, trackedTypeName } from '../rules/_tracking/names.js';
import { childName, childOptions } from './child-names.js';
import type { StackConfig } from './config.js';

export const CHANGE_MESSAGE_TYPES = [
  'ConfigurationItemChangeNotification',
  'OversizedConfigurationItemChangeNotification',
] as const;
export const PERIODIC_MESSAGE_TYPE = 'ScheduledNotification';
/**
 * Config rule descriptions hold at most 256 characters
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigRule.html), and so do Lambda
 * function descriptions (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html).
 */
const DESCRIPTION_MAX = 256;

/** The rule's description, cut to what its Config rule and its function accept. */
export const shortDescription = (rule: Rule) =>
  rule.description.length <= DESCRIPTION_MAX ? rule.description : `${rule.description.slice(0, DESCRIPTION_MAX - 1)}…`;

/** The rule's parameters as Config's InputParameters (a JSON string), or nothing when it has none. */
function inputJsonOf(rule: Rule, config: StackConfig): string | undefined {
  const inputParameters = config.inputParameters[rule.id] ?? {};
  return Object.keys(inputParameters).length > 0 ? JSON.stringify(inputParameters) : undefined;
}

// A scope is resource types, or one type and id, or a tag, never types and a tag together
// (https://docs.aws.amazon.com/config/latest/APIReference/API_Scope.html): scoped by types, every
// rule filters by tag at runtime (scopeTagKey/scopeTagValue parameters). Only the types Config
// records are in a scope; a rule with none (a periodic inventory rule) takes no scope.
// A change rule that also evaluates types Config does not record gets both triggers, the change
// notifications for its recorded types and a daily scheduled run for the rest (recording.ts):
// a rule's Source takes a list of SourceDetails, and Config documents rules evaluated "both in
// response to configuration changes and periodically" as hybrid
// (https://docs.aws.amazon.com/config/latest/APIReference/API_Source.html,
// https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-trigger-type.html).

// With tracking on, a rule's tracked types (training jobs, endpoints...) are recorded by the
// capture function under their tracked type names (`<namespace>::SageMaker::TrainingJob`), so the
// rule is change-triggered on those names, with no schedule for them: Config invokes it with each
// recorded item, and every evaluation is reported per resource (the account summary of
// `reportedAs: AWS::::Account` belongs to scheduled runs only, reporting.ts).

export interface TriggerOptions {
  /** The stack's `tracking`. */
  tracking?: boolean;
  /** The stack's `trackingNamespace` (the default namespace when unset). */
  namespace?: string;
}

/** The AWS types of a rule that the pack records itself with these options. */
export function trackedTypesOfRule(rule: Rule, options: { tracking?: boolean }): string[] {
  return rule.resourceTypes.filter((t) => typeSourceOf(rule, t, { tracking: options.tracking === true }) === 'tracked');
}

/** The notifications a rule's Config rule subscribes to: change types (with the scope) and a schedule. */
export function triggersOf(rule: Rule, options: TriggerOptions = {}): { changeTypes: string[]; schedule?: Frequency } {
  const recording = { tracking: options.tracking === true };
  const namespace = options.namespace ?? DEFAULT_TRACKING_NAMESPACE;
  const schedule = scheduleOf(rule, recording);
  const changeTypes = changeTypesOf(rule, recording).map((t) =>
    typeSourceOf(rule, t, recording) === 'tracked' ? trackedTypeName(namespace, t.split('::')[2]!) : t,
  );
  return { changeTypes, ...(schedule ? { schedule } : {}) };
}

const triggerOptions = (config: StackConfig): TriggerOptions => ({
  tracking: config.tracking,
  namespace: config.trackingNamespace,
});

/**
 * A Config rule whose triggers or scope change is replaced, deleted first. Turning `tracking` on or
 * off moves a rule between a schedule and change notifications, and changing the namespace moves
 * its scope: an earlier result (a scheduled run's account summary under AWS::::Account, or items of
 * the old type names) would otherwise stay in the rule's compliance for good, since no later run
 * reports those resources again. Deleting a rule deletes its evaluation results
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_DeleteConfigRule.html), and Config
 * evaluates a new rule's resources at once. A name suffix would do the same, but the rule's name
 * (prefix + rule id) is what doctor, history and the notifications know it by. Delete first,
 * because PutConfigRule and PutOrganizationConfigRule create or update by name: a replacement
 * created before the old one is deleted would be the old rule, deleted right after.
 */
export const REPLACED_WITH_ITS_TRIGGERS = {
  account: { replaceOnChanges: ['source.sourceDetails', 'scope'], deleteBeforeReplace: true },
  organization: { replaceOnChanges: ['triggerTypes', 'resourceTypesScopes'], deleteBeforeReplace: true },
} satisfies Record<string, pulumi.CustomResourceOptions>;

/** What a rule's Config rule says, whichever resource carries it. */
export interface ConfigRuleSpec {
  name: string;
  description: string;
  functionArn: pulumi.Input<string>;
  /** Recorded (or tracked) types whose changes trigger the rule; none for a purely periodic rule. */
  changeTypes: string[];
  schedule?: Frequency;
  /** InputParameters as JSON, when the stack sets any for the rule. */
  inputJson?: string;
}

export function configRuleSpec(
  rule: Rule,
  config: StackConfig,
  name: string,
  functionArn: pulumi.Input<string>,
): ConfigRuleSpec {
  const { changeTypes, schedule } = triggersOf(rule, triggerOptions(config));
  const inputJson = inputJsonOf(rule, config);
  return {
    name,
    description: shortDescription(rule),
    functionArn,
    changeTypes,
    ...(schedule ? { schedule } : {}),
    ...(inputJson ? { inputJson } : {}),
  };
}

/** The spec as aws.cfg.Rule's arguments: one SourceDetail per notification, the types as its scope. */
export function accountRuleArgs(spec: ConfigRuleSpec): aws.cfg.RuleArgs {
  const changes = spec.changeTypes.length > 0;
  return {
    name: spec.name,
    description: spec.description,
    source: {
      owner: 'CUSTOM_LAMBDA',
      sourceIdentifier: spec.functionArn,
      sourceDetails: [
        ...(changes ? CHANGE_MESSAGE_TYPES.map((messageType) => ({ eventSource: 'aws.config', messageType })) : []),
        ...(spec.schedule
          ? [
              {
                eventSource: 'aws.config',
                messageType: PERIODIC_MESSAGE_TYPE,
                maximumExecutionFrequency: spec.schedule,
              },
            ]
          : []),
      ],
    },
    ...(spec.inputJson ? { inputParameters: spec.inputJson } : {}),
    ...(changes ? { scope: { complianceResourceTypes: spec.changeTypes } } : {}),
  };
}

/**
 * The spec as aws.cfg.OrganizationCustomRule's arguments: the same notifications as trigger types,
 * the same types as its scope, and the accounts it skips
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_OrganizationCustomRuleMetadata.html).
 */
export function organizationRuleArgs(
  spec: ConfigRuleSpec,
  excludedAccounts: pulumi.Input<pulumi.Input<string>[]>,
): aws.cfg.OrganizationCustomRuleArgs {
  const changes = spec.changeTypes.length > 0;
  return {
    name: spec.name,
    description: spec.description,
    lambdaFunctionArn: spec.functionArn,
    triggerTypes: [...(changes ? CHANGE_MESSAGE_TYPES : []), ...(spec.schedule ? [PERIODIC_MESSAGE_TYPE] : [])],
    excludedAccounts,
    ...(spec.inputJson ? { inputParameters: spec.inputJson } : {}),
    ...(spec.schedule ? { maximumExecutionFrequency: spec.schedule } : {}),
    ...(changes ? { resourceTypesScopes: spec.changeTypes } : {}),
  };
}

export interface ConfigRuleTarget {
  config: StackConfig;
  /** Organization mode: the accounts the organization rule skips. Absent: a rule of this account. */
  organization?: { excludedAccounts: pulumi.Input<pulumi.Input<string>[]> };
}

/** The rule's Config rule in the form the stack deploys, replaced (deleted first) when its triggers move. */
export function configRuleFor(
  rule: Rule,
  target: ConfigRuleTarget,
  name: string,
  functionArn: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): aws.cfg.Rule | aws.cfg.OrganizationCustomRule {
  const spec = configRuleSpec(rule, target.config, name, functionArn);
  const resourceName = `${rule.id}-rule`;
  if (target.organization) {
    const options = { ...opts, ...REPLACED_WITH_ITS_TRIGGERS.organization };
    return new aws.cfg.OrganizationCustomRule(
      childName(resourceName, options),
      organizationRuleArgs(spec, target.organization.excludedAccounts),
      childOptions(resourceName, options),
    );
  }
  const options = { ...opts, ...REPLACED_WITH_ITS_TRIGGERS.account };
  return new aws.cfg.Rule(childName(resourceName, options), accountRuleArgs(spec), childOptions(resourceName, options));
}
