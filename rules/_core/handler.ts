// The Lambda entry: one handler per rule. It parses the event, evaluates, logs one JSON line per
// evaluation and reports with PutEvaluations. Errors are logged and rethrown: the invocation
// fails, and Config shows the rule as failed instead of recording a false verdict.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { clientConfig } from './clients.js';
import { configSources, type InventoryLoaders } from './config-sources.js';
import { evaluateEvent } from './engine.js';
import { parseEvent } from './event.js';
import { putEvaluations } from './put-evaluations.js';
import type { Rule } from './rule.js';

/** The event as AWS Config sends it to a custom Lambda rule. */
export interface ConfigRuleEvent {
  invokingEvent: string;
  ruleParameters?: string;
  resultToken: string;
  eventLeftScope?: boolean;
  executionRoleArn?: string;
  configRuleArn?: string;
  configRuleName?: string;
  configRuleId?: string;
  accountId?: string;
  version?: string;
}

export interface HandlerOptions {
  /** The inventory adapters this rule's periodic run needs, loaded on first use. */
  inventory?: InventoryLoaders;
  /** For tests: the Config client to use. */
  config?: ConfigServiceClient;
}

const log = (entry: Record<string, unknown>) => console.log(JSON.stringify(entry));

export function makeHandler(rule: Rule, options: HandlerOptions = {}) {
  let config = options.config;
  return async function handler(event: ConfigRuleEvent): Promise<{ evaluations: number; putEvaluationsCalls: number }> {
    try {
      const parsed = parseEvent(event);
      config ??= new ConfigServiceClient(clientConfig());
      const sources = configSources({ config, ...(options.inventory ? { inventory: options.inventory } : {}) });
      const result = await evaluateEvent(rule, parsed, sources);
      if (result.note) log({ level: 'info', rule: rule.id, message: result.note });
      for (const e of result.evaluations) {
        log({
          level: 'info',
          rule: rule.id,
          resourceType: e.ComplianceResourceType,
          resourceId: e.ComplianceResourceId,
          complianceType: e.ComplianceType,
          ...(e.Annotation ? { annotation: e.Annotation } : {}),
        });
      }
      const calls = await putEvaluations(config, result.evaluations, parsed.resultToken);
      return { evaluations: result.evaluations.length, putEvaluationsCalls: calls };
    } catch (error) {
      const err = error as Error;
      log({ level: 'error', rule: rule.id, error: err.name, message: err.message });
      throw error;
    }
  };
}
