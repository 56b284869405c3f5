// `ml-config-rules doctor`: after a deploy, does the pack work here, and if not, why? Read-only:
// it only calls Describe*/Get*/List* APIs. One row per check (ok, warn, fail) with one sentence
// to act on; exit 1 when any check fails.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SSMClient } from '@aws-sdk/client-ssm';
import cliProgress from 'cli-progress';
import { clientConfig } from '../../rules/_core/clients.js';
import type { Rule } from '../../rules/_core/rule.js';
import { namespaceProblem } from '../../rules/_tracking/names.js';
import { rules as registry } from '../../rules/index.js';
import { deliveryChannelChecks, recorderChecks } from '../doctor/recorder-checks.js';
import { aggregatorRows, organizationRuleRows } from '../doctor/organization-checks.js';
import {
  organizationPrerequisiteRows,
  prerequisiteClients,
  type PrerequisiteClients,
} from '../doctor/organization-prerequisites.js';
import { guarded, type CheckRow } from '../doctor/row.js';
import { tagCoverageRows } from '../doctor/tag-coverage.js';
import { trackingClients, trackingRows, type TrackingClients } from '../doctor/tracking-checks.js';
import {
  deployedRules,
  type DeployedRule,
  evaluationRows,
  evaluationStatuses,
  presenceRows,
  remediationRows,
  stateRow,
} from '../doctor/rule-checks.js';
import { defaultRegion, nameFailedCalls } from '../live-sources.js';
import { printJson, printReport, table, UsageError, type Report } from '../output.js';
import { requireRule } from './evaluate.js';
import { append } from '../../rules/_core/arrays.js';

export interface DoctorClients {
  config: ConfigServiceClient;
  ssm: SSMClient;
  /** The tag check's List calls and ListTags, and GetResources. */
  sagemaker: SageMakerClient;
  tagging: ResourceGroupsTaggingAPIClient;
}

export interface RunDoctorOptions {
  regions: string[];
  prefix: string;
  /** The rules to expect; `named` when the user listed them (then a missing one fails). */
  rules: readonly Rule[];
  named: boolean;
  organization: boolean;
  clientsFor?: (region: string) => DoctorClients;
  /** With tracking on (the stack's default): the namespace of the tracked types. */
  tracking?: { namespace: string };
  /** CloudFormation, EventBridge, Lambda and CloudWatch, for tracking's checks. */
  trackingClientsFor?: (region: string) => TrackingClients;
  /** Organizations, CloudFormation and STS, for the organization's prerequisites (once, in the first Region). */
  prerequisiteClientsFor?: (region: string) => PrerequisiteClients;
  now?: Date;
  onStep?: (step: string) => void;
}

/** Steps per Region, for the progress bar (and one more with tracking). */
export const STEPS_PER_REGION = 4;

function doctorClients(region: string): DoctorClients {
  const options = clientConfig({ region });
  return {
    config: nameFailedCalls(new ConfigServiceClient(options)),
    ssm: new SSMClient(options),
    sagemaker: nameFailedCalls(new SageMakerClient(options)),
    tagging: nameFailedCalls(new ResourceGroupsTaggingAPIClient(options)),
  };
}

export async function runDoctor(options: RunDoctorOptions): Promise<CheckRow[]> {
  const clientsFor = options.clientsFor ?? doctorClients;
  const now = options.now ?? new Date();
  const { prefix } = options;
  const rows: CheckRow[] = [];
  // Organization-wide: checked once, before any Region.
  if (options.organization) {
    const clients = (options.prerequisiteClientsFor ?? prerequisiteClients)(options.regions[0]!);
    append(rows, await organizationPrerequisiteRows(clients));
    options.onStep?.('organization prerequisites');
  }
  for (const region of options.regions) {
    const { config, ssm, sagemaker, tagging } = clientsFor(region);
    // The Region goes into the target only when several are checked.
    const target = (name: string) => (options.regions.length > 1 ? `${region}: ${name}` : name);
    const found: { rules?: DeployedRule[] } = {};
    const listing = await guarded('rules', target(`${prefix}*`), async () => {
      found.rules = await deployedRules(config, options.rules, prefix);
      return [];
    });
    const deployed = found.rules;
    // The recorder must record what the deployed rules need (all expected rules when none is found).
    const needing = deployed && deployed.length > 0 ? deployed.map((d) => d.rule) : options.rules;
    append(
      rows,
      await guarded('recorder', target('configuration recorder'), () => recorderChecks(config, needing, target)),
    );
    options.onStep?.(`${region}: recorder`);
    append(
      rows,
      await guarded('delivery-channel', target('delivery channel'), () => deliveryChannelChecks(config, target)),
    );
    options.onStep?.(`${region}: delivery channel`);
    append(rows, listing);
    if (deployed) {
      append(rows, presenceRows(options.rules, deployed, prefix, options.named, target));
      for (const d of deployed) rows.push(stateRow(d, target));
      append(
        rows,
        await guarded('rule-evaluation', target(`${prefix}*`), async () => {
          const statuses = await evaluationStatuses(config, deployed);
          return deployed.flatMap((d) => evaluationRows(d, statuses.get(d.configRule.ConfigRuleName!), now, target));
        }),
      );
      append(
        rows,
        await guarded('remediation', target(`${prefix}*`), () => remediationRows(config, ssm, deployed, target)),
      );
      // Where the deployed rules' tags come from: GetResources against ListTags, one row per type.
      append(rows, await tagCoverageRows(deployed, { sagemaker, tagging }, target));
    }
    options.onStep?.(`${region}: rules`);
    if (options.tracking) {
      const tracking = (options.trackingClientsFor ?? ((r) => trackingClients(clientConfig({ region: r }))))(region);
      append(
        rows,
        await trackingRows(tracking, config, {
          prefix,
          namespace: options.tracking.namespace,
          organization: options.organization,
          now,
          target,
        }),
      );
      options.onStep?.(`${region}: tracking`);
    }
    if (options.organization) {
      append(
        rows,
        await guarded('organization-rules', target(`${prefix}*`), () =>
          organizationRuleRows(config, options.rules, prefix, target),
        ),
      );
      append(
        rows,
        await guarded('aggregator', target(`${prefix}organization`), () => aggregatorRows(config, prefix, target)),
      );
    }
    options.onStep?.(`${region}: done`);
  }
  return rows;
}

export function doctorReport(rows: CheckRow[]): Report {
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return {
    table: table(
      ['check', 'target', 'status', 'detail'],
      rows.map((r) => [r.check, r.target, r.status, r.detail]),
      { colWidths: [20, 44, 8, 90] },
    ),
    notes: [`${count('fail')} failed, ${count('warn')} warnings, ${count('ok')} ok`],
  };
}

export interface DoctorCommandOptions {
  region: string[];
  prefix: string;
  rule: string[];
  format: 'table' | 'json';
  organization?: boolean;
  tracking: 'on' | 'off';
  namespace: string;
}

export async function doctorCommand(options: DoctorCommandOptions) {
  // The deploy's earlier, wider limit on namePrefix: a stack deployed with an underscore or a
  // leading digit before deploy/config.ts refused them can still be checked.
  if (!/^[A-Za-z0-9_-]{0,24}$/.test(options.prefix))
    throw new UsageError(`--prefix must be at most 24 letters, digits, - or _, got ${JSON.stringify(options.prefix)}`);
  for (const r of options.region)
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(r))
      throw new UsageError(`--region ${r} is not a Region name such as us-east-1`);
  const named = options.rule.length > 0;
  const selected = named ? [...new Set(options.rule)].map(requireRule) : registry;
  const regions = options.region.length > 0 ? [...new Set(options.region)] : [await defaultRegion()];

  const showBar = options.format === 'table' && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: 'checking {bar} {value}/{total} | {step}',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const tracking = options.tracking === 'on';
  if (tracking) {
    const problem = namespaceProblem(options.namespace);
    if (problem) throw new UsageError(`--namespace: ${problem}`);
  }
  const perRegion = STEPS_PER_REGION + (tracking ? 1 : 0);
  bar?.start(regions.length * perRegion + (options.organization ? 1 : 0), 0, { step: '' });
  let rows: CheckRow[];
  try {
    rows = await runDoctor({
      regions,
      prefix: options.prefix,
      rules: selected,
      named,
      organization: options.organization === true,
      ...(tracking ? { tracking: { namespace: options.namespace } } : {}),
      onStep: (step) => bar?.increment(1, { step }),
    });
  } finally {
    bar?.stop();
  }
  if (options.format === 'json') printJson(rows);
  else printReport(doctorReport(rows));
  if (rows.some((r) => r.status === 'fail')) process.exitCode = 1;
}
