// Suppressions as the command reads and shows them. `--suppressions FILE` (YAML or JSON) lists
// accepted exceptions for live resources; a template's resource carries its own in
// `Metadata: {"ml-config-rules": {"suppress": [...]}}`. Both are checked the same way as the stack
// key (rules/_core/suppressions.ts): a reason, an expiry not past, a known rule id.
import type { Evaluation, SuppressedVerdict } from '../rules/_core/evaluations.js';
import { parseSuppressions, type Suppression } from '../rules/_core/suppressions.js';
import { rules } from '../rules/index.js';
import { readYamlFile } from './rule-params.js';
import { ruleIdHint } from './suggest.js';

/** The template Metadata key that holds the pack's settings for a resource. */
export const METADATA_KEY = 'ml-config-rules';

const ruleIds = rules.map((r) => r.id);
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `--suppressions FILE`: a list, or a map whose `suppress` key holds it. */
export function readSuppressionsFile(path: string | undefined, now = new Date()): Suppression[] {
  if (path === undefined) return [];
  const origin = `--suppressions ${path}`;
  const value = readYamlFile(path, origin);
  const list = isMap(value) && 'suppress' in value ? value.suppress : value;
  return parseSuppressions(list ?? [], origin, { now, withResource: true, ruleIds, hint: ruleIdHint });
}

/** A template resource's own suppressions (no resource named: they cover the resource they sit on). */
export function templateSuppressions(
  file: string,
  logicalId: string,
  metadata: unknown,
  now = new Date(),
): Suppression[] {
  const own = isMap(metadata) ? metadata[METADATA_KEY] : undefined;
  if (own === undefined) return [];
  const origin = `${file}: ${logicalId}: Metadata.${METADATA_KEY}.suppress`;
  const list = isMap(own) ? own.suppress : undefined;
  return parseSuppressions(list ?? [], origin, { now, withResource: false, ruleIds, hint: ruleIdHint });
}

/** What the command shows for a verdict: SUPPRESSED for one a suppression covers. */
export const shownVerdict = (e: { ComplianceType: string; suppressed?: SuppressedVerdict }) =>
  e.suppressed ? 'SUPPRESSED' : e.ComplianceType;

/** The annotation shown beside it: for a suppressed verdict, the reason, then what the rule said. */
export const shownAnnotation = (e: { Annotation?: string; suppressed?: SuppressedVerdict }) =>
  e.suppressed
    ? `${e.suppressed.reason}${e.suppressed.Annotation ? ` (NON_COMPLIANT: ${e.suppressed.Annotation})` : ''}`
    : (e.Annotation ?? '');

/**
 * A verdict in the command's JSON (an evaluation, a template finding): as it is, except that a
 * suppressed one is SUPPRESSED with the rule's own annotation and the suppression (reason, expiry)
 * beside it.
 */
export function verdictJson<T extends { ComplianceType: string; Annotation?: string; suppressed?: SuppressedVerdict }>(
  verdict: T,
) {
  const { suppressed, ...rest } = verdict;
  if (!suppressed) return rest;
  return {
    ...rest,
    ComplianceType: 'SUPPRESSED',
    ...(suppressed.Annotation ? { Annotation: suppressed.Annotation } : {}),
    suppression: { reason: suppressed.reason, ...(suppressed.expires ? { expires: suppressed.expires } : {}) },
  };
}

/** An evaluation in the command's JSON: as PutEvaluations takes it, a suppressed one shown so. */
export const evaluationJson = (e: Evaluation) => verdictJson(e);
