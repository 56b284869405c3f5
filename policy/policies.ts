// One CrossGuard policy per rule whose resource types have a @pulumi/aws resource, generated from
// the registry. Enforcement is advisory unless the policy pack configuration says otherwise;
// the rule's parameters are the policy's configuration (strings, as AWS Config takes them);
// a violation's message is the rule's annotation. SageMaker rules validate each resource;
// S3 rules and rules that look other resources up validate the stack, where a bucket's
// companion resources and a model's artifact bucket are visible.
// https://www.pulumi.com/docs/iac/using-pulumi/crossguard/ (policies run at preview and update)
import type {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from '@pulumi/policy';
import { judgeBeforeDeploy, NOT_BEFORE_DEPLOY } from '../rules/_core/before-deploy.js';
import { paramsFor } from '../rules/_core/engine.js';
import type { ConfigItem } from '../rules/_core/items.js';
import { commonParameters, type ParamSchema, type RawParams } from '../rules/_core/params.js';
import type { Rule } from '../rules/_core/rule.js';
import { rules as registry } from '../rules/index.js';
import { bucketItem, cfnTypeOf, PULUMI_TYPES, sagemakerItem, type StackResource } from './items.js';

/** Why a rule has no policy, or undefined when it has one. */
export function notAtPreview(rule: Rule): string | undefined {
  if (NOT_BEFORE_DEPLOY[rule.id]) return NOT_BEFORE_DEPLOY[rule.id];
  return rule.resourceTypes.some((t) => PULUMI_TYPES[t])
    ? undefined
    : `no @pulumi/aws resource for ${rule.resourceTypes.join(', ')}`;
}

function configSchema(rule: Rule): PolicyConfigSchema {
  const all: ParamSchema = { ...commonParameters, ...rule.parameters };
  const properties = Object.fromEntries(
    Object.entries(all).map(([name, spec]) => [
      name,
      {
        type: 'string' as const,
        description: `${spec.description} (${spec.form})`,
        ...(spec.default !== undefined ? { default: spec.default } : {}),
      },
    ]),
  );
  return { properties };
}

/** The policy's configuration, as the rule's parameters (the engine validates them). */
function paramsOf(rule: Rule, config: Record<string, unknown>) {
  const known = new Set([...Object.keys(commonParameters), ...Object.keys(rule.parameters)]);
  const raw: RawParams = Object.fromEntries(Object.entries(config).filter(([k, v]) => known.has(k) && v !== undefined));
  return paramsFor(rule, raw);
}

/** A value Pulumi does not know yet at preview throws when read: that resource is judged at update instead. */
const unknownAtPreview = (e: unknown) => (e as Error)?.constructor?.name === 'UnknownValueError';

function report(
  rule: Rule,
  item: ConfigItem,
  config: Record<string, unknown>,
  related: ConfigItem[],
  reportViolation: (message: string) => void,
) {
  const evaluation = judgeBeforeDeploy(rule, item, paramsOf(rule, config), related);
  if (evaluation.ComplianceType === 'NON_COMPLIANT') reportViolation(evaluation.Annotation ?? rule.description);
}

function resourcePolicy(rule: Rule, types: string[]): ResourceValidationPolicy {
  return {
    name: rule.id,
    description: rule.description,
    enforcementLevel: 'advisory',
    configSchema: configSchema(rule),
    validateResource: (args, reportViolation) => {
      if (!types.includes(args.type)) return;
      report(rule, sagemakerItem(cfnTypeOf(args.type)!, args.name, args.props), args.getConfig(), [], reportViolation);
    },
  };
}

function stackPolicy(rule: Rule, types: string[]): StackValidationPolicy {
  return {
    name: rule.id,
    description: rule.description,
    enforcementLevel: 'advisory',
    configSchema: configSchema(rule),
    validateStack: (args, reportViolation: ReportViolation) => {
      const resources = args.resources as unknown as StackResource[];
      const itemOf = (r: StackResource) =>
        cfnTypeOf(r.type) === 'AWS::S3::Bucket'
          ? bucketItem(resources, r)
          : sagemakerItem(cfnTypeOf(r.type)!, r.name, r.props);
      const buckets: ConfigItem[] = [];
      for (const r of resources.filter((x) => cfnTypeOf(x.type) === 'AWS::S3::Bucket')) {
        try {
          buckets.push(bucketItem(resources, r));
        } catch (e) {
          if (!unknownAtPreview(e)) throw e;
        }
      }
      for (const r of resources.filter((x) => types.includes(x.type))) {
        try {
          report(rule, itemOf(r), args.getConfig(), buckets, (message) => reportViolation(message, r.urn));
        } catch (e) {
          if (!unknownAtPreview(e)) throw e;
        }
      }
    },
  };
}

export function policiesFor(rules: readonly Rule[]): (ResourceValidationPolicy | StackValidationPolicy)[] {
  return rules
    .filter((rule) => notAtPreview(rule) === undefined)
    .map((rule) => {
      const types = rule.resourceTypes.flatMap((t) => PULUMI_TYPES[t] ?? []);
      const needsStack = rule.resourceTypes.includes('AWS::S3::Bucket') || rule.lookups !== undefined;
      return needsStack ? stackPolicy(rule, types) : resourcePolicy(rule, types);
    });
}

export const policies = policiesFor(registry);
