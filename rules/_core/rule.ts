// What a rule is: data (id, description, peer controls, resource types, trigger, parameter
// schema, remediation) and one pure `evaluate` function over a normalised configuration item.
import type { Loose } from './loose.js';
import type { ConfigItem } from './items.js';
import type { CommonParams, ParamSchema, ParamsOf } from './params.js';

export type ComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';
export const COMPLIANCE_TYPES: readonly ComplianceType[] = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'];

export interface Verdict {
  complianceType: ComplianceType;
  annotation?: string;
}

export function compliant(annotation?: string): Verdict {
  return annotation ? { complianceType: 'COMPLIANT', annotation } : { complianceType: 'COMPLIANT' };
}
export function nonCompliant(annotation: string): Verdict {
  return { complianceType: 'NON_COMPLIANT', annotation };
}
export function notApplicable(annotation?: string): Verdict {
  return annotation ? { complianceType: 'NOT_APPLICABLE', annotation } : { complianceType: 'NOT_APPLICABLE' };
}

export type Frequency = 'One_Hour' | 'Three_Hours' | 'Six_Hours' | 'Twelve_Hours' | 'TwentyFour_Hours';
export type Trigger = 'change' | { periodic: Frequency };

/** A resource another resource's verdict depends on (e.g. the bucket holding a model's artifacts). */
export interface LookupKey {
  resourceType: string;
  resourceId: string;
}

/** Serves the items a rule asked for in `lookups`; undefined when Config does not know the resource. */
export type Lookup = (resourceType: string, resourceId: string) => ConfigItem | undefined;

/**
 * What a rule reads of a resource beyond the inventory listing (a List call's summaries):
 * - `describe`: the Describe output (for S3 buckets, the bucket settings Config records);
 * - `tags`: the resource's tags;
 * - `monitoringSchedules`: an endpoint's monitoring schedules;
 * - `latestModelPackage`: a model package group's newest package, described.
 * A rule that declares none reads the Describe output.
 */
export type Read = 'describe' | 'tags' | 'monitoringSchedules' | 'latestModelPackage';

export interface EvaluateContext {
  lookup: Lookup;
}

/**
 * Where a peer control comes from: Security Hub (`SageMaker.1`), an AWS managed Config rule, Prowler,
 * cdk-nag, or a conformance pack.
 */
export type ControlSource = 'securityhub' | 'managed-rule' | 'prowler' | 'cdk-nag' | 'conformance-pack';

/**
 * How much a NON_COMPLIANT resource matters: the Security Hub severity of the control the rule
 * matches where there is one, else the severity of the nearest such control, said in a comment
 * beside the rule's `severity`.
 */
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** A peer control this rule matches, by its id in that source; `note` says how far the match goes. */
export interface Control {
  source: ControlSource;
  id: string;
  note?: string;
}

export interface RuleDefinition<S extends ParamSchema> {
  id: string;
  description: string;
  /** Peer controls this rule matches (Security Hub, AWS managed rules, Prowler...). */
  controls: Control[];
  severity: Severity;
  /** Why the check matters to an ML platform: one paragraph, for the rule's page, `list` and SARIF help. */
  rationale: string;
  /**
   * What to change so the resource passes, in the console, CLI and CloudFormation terms a platform
   * team uses. (`remediation` below is the SSM Automation document Config can run, where AWS ships one.)
   */
  manualRemediation: string;
  resourceTypes: string[];
  /** Types this rule's `lookups()` read; the recorder must record them (and roles may read them). */
  lookupTypes?: readonly string[];
  /** The type evaluations are reported under in Lambda: the resource's own type (default) or 'AWS::::Account'. */
  reportedAs?: 'resource' | 'AWS::::Account';
  /** What the rule reads beyond the inventory listing; adapters fetch only the union of these. */
  reads?: readonly Read[];
  /**
   * Where it reads the Describe output: the top-level fields `evaluate` reads of it. A scheduled
   * run then keeps only these of each Search record it reads ahead (rules/_inventory/search-window.ts),
   * and can read further ahead in the same memory. None: the whole record.
   */
  describeFields?: readonly string[];
  trigger: Trigger;
  /**
   * Where a periodic run lists its resources: `config` (Config's inventory of recorded types)
   * or `inventory` (an adapter over the SageMaker API, for types Config does not record).
   */
  source?: 'config' | 'inventory';
  parameters: S;
  /** SSM Automation document that fixes a NON_COMPLIANT resource, when AWS ships one. */
  remediation?: { document: string; parameters: Record<string, 'RESOURCE_ID' | { static: string }> };
  /** Other resources this item's verdict depends on; the runtime fetches them before `evaluate`. */
  lookups?: (item: ConfigItem, params: ParamsOf<S> & CommonParams) => LookupKey[];
  evaluate: (item: ConfigItem, params: ParamsOf<S> & CommonParams, context: EvaluateContext) => Verdict;
}

/** Any rule of the registry, whatever its parameter schema (see loose.ts). */
export type Rule = RuleDefinition<Loose>;

export function defineRule<S extends ParamSchema>(rule: RuleDefinition<S>): RuleDefinition<S> {
  return Object.freeze({ source: 'config', ...rule });
}

export function isPeriodic(rule: Rule): boolean {
  return rule.trigger !== 'change';
}
export function frequencyOf(rule: Rule): Frequency | undefined {
  return typeof rule.trigger === 'object' ? rule.trigger.periodic : undefined;
}
