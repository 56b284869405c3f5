// "Did you mean": the closest of the known names to a misspelt one, by edit distance, as git and
// npm suggest a command. Only a close one is offered: a third of the name's length at most.
import leven from 'leven';
import { rules } from '../rules/index.js';

export function closest(name: string, known: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = leven(name, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.candidate : undefined;
}

/** What to say after an unknown rule id: the closest id of the registry, else where the ids are. */
export function ruleIdHint(id: string): string {
  const near = closest(
    id,
    rules.map((r) => r.id),
  );
  return near ? `did you mean ${near}?` : `run \`ml-config-rules list\` for the ${rules.length} rule ids`;
}
