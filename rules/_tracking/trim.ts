// AWS Config takes a third-party configuration of at most 64 KB
// (https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html: "The
// configuration JSON must not exceed 64 KB"). The page does not say whether a KB is 1,000 or 1,024
// bytes: the pack counts 64,000 UTF-8 bytes, the smaller. A larger configuration is trimmed the
// same way every time:
//  1. a pipeline definition is reduced to what the encryption rule reads (definition.ts), its
//     digest of the full text kept beside it;
//  2. then fields no rule reads are left out, largest first (equal sizes by name);
//  3. what is left out or reduced is named in TrimmedFields.
// A configuration whose read fields alone exceed the limit is refused, loudly: recording a part
// of what a rule reads would give it a wrong verdict.
import { reduceDefinition } from './definition.js';
import { readFields, TRIMMED_FIELDS, type TrackedSpec } from './schema.js';

export const CONFIGURATION_MAX_BYTES = 64_000;

export class ConfigurationTooLargeError extends Error {
  override name = 'ConfigurationTooLargeError';
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

export function fitConfiguration<T extends Record<string, unknown>>(
  spec: TrackedSpec,
  resourceId: string,
  configuration: T,
): Record<string, unknown> {
  if (bytes(configuration) <= CONFIGURATION_MAX_BYTES) return configuration;
  const out: Record<string, unknown> = { ...configuration };
  const trimmed: string[] = [];
  const note = () => ({ ...out, [TRIMMED_FIELDS]: [...trimmed] });
  if (typeof out.PipelineDefinition === 'string') {
    const reduced = reduceDefinition(out.PipelineDefinition);
    if (reduced !== undefined && reduced.length < out.PipelineDefinition.length) {
      out.PipelineDefinition = reduced;
      trimmed.push('PipelineDefinition (reduced to the steps’ KMS key fields and the parameters)');
    }
  }
  const keep = new Set([...readFields(spec), spec.primaryIdentifier]);
  const droppable = Object.keys(out)
    .filter((k) => !keep.has(k))
    .sort((a, b) => bytes(out[b]) - bytes(out[a]) || a.localeCompare(b));
  for (const field of droppable) {
    if (bytes(note()) <= CONFIGURATION_MAX_BYTES) break;
    delete out[field];
    trimmed.push(field);
  }
  const fitted = note();
  const size = bytes(fitted);
  if (size > CONFIGURATION_MAX_BYTES)
    throw new ConfigurationTooLargeError(
      `${spec.resource} ${resourceId}: the fields rules read take ${size} bytes, more than AWS Config's ${CONFIGURATION_MAX_BYTES}-byte configuration; not recorded`,
    );
  return fitted;
}
