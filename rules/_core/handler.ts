// The Lambda entry: one handler per rule. It parses the event, evaluates, reports with
// PutEvaluations and then logs one JSON line per evaluation (marked `reported: false` when
// PutEvaluations failed). Errors are logged and rethrown: the invocation
// fails, and Config shows the rule as failed instead of recording a false verdict.
// An event for another account (an organization rule in a member account) is evaluated with
// that account's credentials: see cross-account.ts.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { clientConfig } from './clients.js';
import { configSources, type InventoryLoaders } from './config-sources.js';
import { assumeMemberRole, memberAccountOf, MEMBER_ROLE_ENV, type CredentialProvider } from './cross-account.js';
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

/** The part of the Lambda context the runtime reads: its own ARN says which account it runs in. */
export interface HandlerContext {
  invokedFunctionArn?: string;
}

export interface HandlerOptions {
  /** The inventory adapters this rule's periodic run needs, loaded on first use. */
  inventory?: InventoryLoaders;
  /** For tests: the Config client to use for the function's own account. */
  config?: ConfigServiceClient;
  /** Role to assume in member accounts; defaults to the ML_CONFIG_RULES_MEMBER_ROLE variable. */
  memberRoleName?: string;
}

interface AccountAccess {
  config: ConfigServiceClient;
  credentials?: CredentialProvider;
  /** Set when the evaluation runs in a member account. */
  memberAccountId?: string;
}

const log = (entry: Record<string, unknown>) => console.log(JSON.stringify(entry));

export function makeHandler(rule: Rule, options: HandlerOptions = {}) {
  let ownConfig = options.config;
  const memberConfigs = new Map<string, ConfigServiceClient>();

  async function accessFor(eventAccountId: string | undefined, context: HandlerContext | undefined): Promise<AccountAccess> {
    const member = memberAccountOf(eventAccountId, context?.invokedFunctionArn);
    if (!member) {
      ownConfig ??= new ConfigServiceClient(clientConfig());
      return { config: ownConfig };
    }
    const credentials = await assumeMemberRole(member, options.memberRoleName ?? process.env[MEMBER_ROLE_ENV]);
    let config = memberConfigs.get(member.accountId);
    if (!config) memberConfigs.set(member.accountId, (config = new ConfigServiceClient(clientConfig({ credentials }))));
    return { config, credentials, memberAccountId: member.accountId };
  }

  return async function handler(event: ConfigRuleEvent, context?: HandlerContext): Promise<{ evaluations: number; putEvaluationsCalls: number }> {
    try {
      const parsed = parseEvent(event);
      const access = await accessFor(parsed.accountId, context);
      const sources = configSources({
        config: access.config,
        ...(options.inventory ? { inventory: options.inventory } : {}),
        ...(access.credentials ? { credentials: access.credentials } : {}),
      });
      const result = await evaluateEvent(rule, parsed, sources);
      const account = access.memberAccountId ? { accountId: access.memberAccountId } : {};
      if (result.note) log({ level: 'info', rule: rule.id, ...account, message: result.note });
      const logVerdicts = (reported: boolean) => {
        for (const e of result.evaluations) {
          log({
            level: reported ? 'info' : 'error',
            rule: rule.id,
            ...account,
            resourceType: e.ComplianceResourceType,
            resourceId: e.ComplianceResourceId,
            complianceType: e.ComplianceType,
            ...(e.Annotation ? { annotation: e.Annotation } : {}),
            ...(reported ? {} : { reported: false }),
          });
        }
      };
      // Logged once Config has them: a verdict PutEvaluations did not take is marked as not reported.
      let calls: number;
      try {
        calls = await putEvaluations(access.config, result.evaluations, parsed.resultToken);
      } catch (error) {
        logVerdicts(false);
        throw error;
      }
      logVerdicts(true);
      return { evaluations: result.evaluations.length, putEvaluationsCalls: calls };
    } catch (error) {
      const err = error as Error;
      log({ level: 'error', rule: rule.id, error: err.name, message: err.message });
      throw error;
    }
  };
}
