// Checks several rules share, so each rule file stays one small pure function.
import { compliant, nonCompliant, type Verdict } from './rule.js';
import type { JsonObject } from './items.js';
import { own } from './own.js';

/** `arn:...:key/<id>` → `<id>`; a bare key id stays itself; aliases compare as plain strings. */
function keyIdOf(key: string): string | undefined {
  const m = /^arn:aws[a-z-]*:kms:[^:]*:[^:]*:key\/(.+)$/.exec(key);
  if (m) return m[1];
  return key.includes(':') || key.startsWith('alias/') ? undefined : key;
}

/** Catalog rule: equal strings, or the same key id on either side. */
export function kmsKeyAllowed(key: string, allowList: string[] | undefined): boolean {
  if (!allowList) return true;
  const id = keyIdOf(key);
  return allowList.some((allowed) => allowed === key || (id !== undefined && keyIdOf(allowed) === id));
}

/** A KMS key field: set, and in `kmsKeyArns` when that parameter is given. */
export function checkKmsKey(field: string, key: unknown, allowList: string[] | undefined): Verdict {
  if (typeof key !== 'string' || key === '') return nonCompliant(`${field} is not set`);
  if (!kmsKeyAllowed(key, allowList)) return nonCompliant(`${field} ${key} is not in kmsKeyArns`);
  return compliant();
}

/** Required tag keys with non-empty values; without a list, at least one tag not starting with `aws:`. */
export function checkTags(tags: Record<string, string>, requiredKeys: string[] | undefined): Verdict {
  if (!requiredKeys) {
    const own = Object.keys(tags).filter((k) => !k.startsWith('aws:'));
    return own.length > 0 ? compliant() : nonCompliant('no tags (other than aws: tags) are set');
  }
  const missing = requiredKeys.filter((k) => !own(tags, k));
  return missing.length === 0 ? compliant() : nonCompliant(`missing or empty tags: ${missing.join(', ')}`);
}

/** `ProductionVariants` of an endpoint config, read defensively. */
export function productionVariants(configuration: JsonObject): JsonObject[] {
  const v = configuration.ProductionVariants;
  return Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : [];
}

/** Every variant serverless (`ServerlessConfig`): no instance storage, capture or instance count to check. */
export function allVariantsServerless(configuration: JsonObject): boolean {
  const variants = productionVariants(configuration);
  return variants.length > 0 && variants.every((v) => v.ServerlessConfig != null);
}

/** A value as an annotation shows it: JSON for non-strings and the empty string, `unset` for absent. */
export const shown = (value: unknown): string =>
  value === undefined || value === null
    ? 'unset'
    : typeof value === 'string' && value !== ''
      ? value
      : JSON.stringify(value);

/** CloudFormation-style booleans may arrive as `true` or `"true"`. */
export const isTrue = (value: unknown): boolean => value === true || value === 'true';

/** `VpcConfig` with at least one subnet (SageMaker models and training jobs share this shape). */
export function checkVpcSubnets(vpcConfig: unknown): Verdict {
  if (!vpcConfig || typeof vpcConfig !== 'object') return nonCompliant('VpcConfig is not set');
  const subnets = (vpcConfig as Record<string, unknown>).Subnets;
  const ids = Array.isArray(subnets) ? subnets.filter((s) => typeof s === 'string' && s !== '') : [];
  return ids.length > 0 ? compliant() : nonCompliant(`VpcConfig.Subnets is ${shown(subnets)}`);
}

/**
 * The four Model Monitor job definition types and the prefix each gives its own fields
 * (`DataQualityJobOutputConfig`, `ModelBiasJobOutputConfig`, ...); NetworkConfig and JobResources are shared.
 */
export const MONITORING_JOB_DEFINITION_PREFIXES: Readonly<Record<string, string>> = {
  'AWS::SageMaker::DataQualityJobDefinition': 'DataQuality',
  'AWS::SageMaker::ModelQualityJobDefinition': 'ModelQuality',
  'AWS::SageMaker::ModelBiasJobDefinition': 'ModelBias',
  'AWS::SageMaker::ModelExplainabilityJobDefinition': 'ModelExplainability',
};
export const MONITORING_JOB_DEFINITION_TYPES = Object.keys(MONITORING_JOB_DEFINITION_PREFIXES);

/** A SageMaker model's containers with the field path an annotation names: `PrimaryContainer`, `Containers[i]`. */
export function modelContainers(configuration: JsonObject): [string, JsonObject][] {
  const found: [string, JsonObject][] = [];
  const primary = configuration.PrimaryContainer;
  if (primary && typeof primary === 'object') found.push(['PrimaryContainer', primary]);
  const list: unknown[] = Array.isArray(configuration.Containers) ? configuration.Containers : [];
  list.forEach((c, i) => {
    if (c && typeof c === 'object') found.push([`Containers[${i}]`, c as JsonObject]);
  });
  return found;
}
