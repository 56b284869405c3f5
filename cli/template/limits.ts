// What one template may cost `check-template`. A template is someone else's file: without limits a
// few kilobytes of YAML aliases or self-referencing Mappings expand without end. Each limit, when
// reached, stops the command with exit 2 and one line naming the limit and the file.
// CloudFormation's own quotas are far below these (a template body is at most 1 MB in S3:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html); the
// limits leave room for templates before a transform and keep the check's time linear in size.
import { MAX_DEPTH } from '../../rules/_core/depth.js';
import { UsageError } from '../output.js';

export const TEMPLATE_LIMITS = {
  /** Bytes of template text read at most. */
  bytes: 20 * 1024 * 1024,
  /** Nesting of mappings and lists, as for events and input files (rules/_core/depth.ts). */
  depth: MAX_DEPTH,
  /** YAML alias nodes (`*name`) in one template, and nodes they expand to (the `yaml` library's count). */
  aliases: 100,
  /** Intrinsic functions evaluated while the template's resources are read, all together. */
  expansions: 1_000_000,
  /** Intrinsic functions inside each other's results (FindInMap, Sub, Select, Join, If...). */
  expansionDepth: 32,
  /** Characters of text the intrinsic functions build (Join, Sub, Base64, ToJsonString), all together. */
  expandedCharacters: 64 * 1024 * 1024,
} as const;

/** A template breaks one of the limits above: the user's input, so exit 2. */
export class TemplateLimitError extends UsageError {
  override name = 'TemplateLimitError';
}

const count = (n: number) => n.toLocaleString('en-US');

export function limitError(file: string, what: string, limit: keyof typeof TEMPLATE_LIMITS): TemplateLimitError {
  const names: Record<keyof typeof TEMPLATE_LIMITS, string> = {
    bytes: `the input size limit of ${count(TEMPLATE_LIMITS.bytes / 1024 / 1024)} MiB`,
    depth: `the nesting limit of ${TEMPLATE_LIMITS.depth} levels`,
    aliases: `the YAML alias limit of ${count(TEMPLATE_LIMITS.aliases)}`,
    expansions: `the intrinsic expansion limit of ${count(TEMPLATE_LIMITS.expansions)} functions`,
    expansionDepth: `the intrinsic depth limit of ${TEMPLATE_LIMITS.expansionDepth} levels`,
    expandedCharacters: `the intrinsic output limit of ${count(TEMPLATE_LIMITS.expandedCharacters / 1024 / 1024)} MiB of text`,
  };
  return new TemplateLimitError(`${file}: ${what}: over ${names[limit]}`);
}

/** What the intrinsic functions of one template have spent so far; every resolver of the template shares it. */
export interface ExpansionBudget {
  file: string;
  expansions: number;
  depth: number;
  characters: number;
}

export const expansionBudget = (file: string): ExpansionBudget => ({ file, expansions: 0, depth: 0, characters: 0 });

/** Count one intrinsic function entered; throws when the template has spent its expansions or depth. */
export function enterIntrinsic(budget: ExpansionBudget, name: string): void {
  budget.expansions++;
  budget.depth++;
  if (budget.expansions > TEMPLATE_LIMITS.expansions)
    throw limitError(budget.file, `${name} expands without end or too often`, 'expansions');
  if (budget.depth > TEMPLATE_LIMITS.expansionDepth)
    throw limitError(budget.file, `${name} inside intrinsic results too deep (a self-reference?)`, 'expansionDepth');
}

export const leaveIntrinsic = (budget: ExpansionBudget): void => {
  budget.depth--;
};

/** Count text an intrinsic function built; returns it. */
export function spendText(budget: ExpansionBudget, name: string, text: string): string {
  budget.characters += text.length;
  if (budget.characters > TEMPLATE_LIMITS.expandedCharacters)
    throw limitError(budget.file, `${name} builds too much text`, 'expandedCharacters');
  return text;
}
