// The one table of recordable types, and everything that reads it: its columns agree with the
// installed SDK, its choices follow the stated policy, every type a rule uses has a row, and a
// change rule with a type the pack does not record evaluates it through an inventory adapter on
// a schedule, without touching its change-triggered results.
import { ResourceGroupsTaggingAPIClient, GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeMonitoringScheduleCommand,
  ListMonitoringSchedulesCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeHandler } from '../rules/_core/handler.js';
import { RECORDABLE_TYPES, SOURCES } from '../rules/_core/recordable-types.js';
import {
  changeTypesOf,
  isRecordable,
  scheduledTypesOf,
  scheduleOf,
  typesNotRecorded,
  typesToRecord,
} from '../rules/_core/recording.js';
import { inventoryLoaders } from '../rules/_inventory/index.js';
import { ruleById, rules } from '../rules/index.js';
import { installedSdkVersion, refreshedTable, sdkDifferences } from '../scripts/check-types.js';
import { checkOptions } from '../scripts/new-rule.js';
import { fixture } from './support/fixtures.js';

describe('the table of recordable types', () => {
  it("agrees with the installed SDK's ResourceType enum (npm run check-types refreshes it)", () => {
    const diff = sdkDifferences();
    expect(diff.changed).toEqual([]);
    expect(diff.missingRows).toEqual([]);
    expect(SOURCES.sdk.version).toBe(installedSdkVersion());
  });

  it('would report an SDK that starts listing a type, and rewrite only that row', () => {
    const enumValues = [...RECORDABLE_TYPES.filter((r) => r.sdk).map((r) => r.type), 'AWS::SageMaker::EndpointConfig'];
    const diff = sdkDifferences([...enumValues, 'AWS::SageMaker::Space'], '3.9999.0');
    expect(diff.changed).toEqual([{ type: 'AWS::SageMaker::EndpointConfig', table: false, installed: true }]);
    expect(diff.missingRows).toEqual(['AWS::SageMaker::Space']);
    const source = [
      "  sdk: { name: 'x', version: '3.1124.0', read: '2026-12-02' },",
      "  { type: 'AWS::SageMaker::EndpointConfig', sdk: false, schema: true, page: true, record: true },",
      "  { type: 'AWS::SageMaker::Endpoint', sdk: false, schema: false, page: true, record: false },",
    ].join('\n');
    expect(refreshedTable(source, diff, '2027-01-04').split('\n')).toEqual([
      "  sdk: { name: 'x', version: '3.9999.0', read: '2027-01-04' },",
      "  { type: 'AWS::SageMaker::EndpointConfig', sdk: true, schema: true, page: true, record: true },",
      "  { type: 'AWS::SageMaker::Endpoint', sdk: false, schema: false, page: true, record: false },",
    ]);
  });

  it('holds one row per type, in order', () => {
    const types = RECORDABLE_TYPES.map((r) => r.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual([...types].sort());
  });

  it('records a type only when the page lists it and a second source agrees, and says why wherever they disagree', () => {
    for (const row of RECORDABLE_TYPES) {
      expect(row.record, row.type).toBe(row.page && (row.sdk || row.schema));
      const agree = row.sdk === row.schema && row.schema === row.page;
      if (!agree) expect(row.why, row.type).toMatch(/\S/);
    }
  });

  it('gives the reason its own sources give: which of them list the type', () => {
    // Each combination of sources the table holds, and the words its reason must use.
    const reasons: Record<string, RegExp | undefined> = {
      'sdk schema page': undefined,
      'sdk page': /^the page and the SDK enum list it;/,
      'schema page': /^the page and the schema repository list it/,
      page: /^only the supported-types page lists it/,
      '': /^no source lists it: Config does not record it$/,
    };
    for (const row of RECORDABLE_TYPES) {
      const listedBy = (['sdk', 'schema', 'page'] as const).filter((source) => row[source]).join(' ');
      expect(Object.keys(reasons), row.type).toContain(listedBy);
      const reason = reasons[listedBy];
      if (reason === undefined) expect(row.why, row.type).toBeUndefined();
      else expect(row.why, row.type).toMatch(reason);
    }
  });

  it('decides the disputed types as the sources allow', () => {
    // Page and schema repository, not the SDK enum: recorded.
    expect(isRecordable('AWS::SageMaker::NotebookInstance')).toBe(true);
    expect(isRecordable('AWS::SageMaker::EndpointConfig')).toBe(true);
    // The page alone: never sent to a recorder.
    for (const type of ['MonitoringSchedule', 'Endpoint', 'Pipeline', 'ModelPackageGroup'])
      expect(isRecordable(`AWS::SageMaker::${type}`), type).toBe(false);
    // No source, and a type the table does not know.
    expect(isRecordable('AWS::SageMaker::TrainingJob')).toBe(false);
    expect(isRecordable('AWS::EC2::Instance')).toBe(false);
  });

  it('has a row for every type a rule evaluates or looks up; looked-up types are recorded', () => {
    const known = new Set(RECORDABLE_TYPES.map((r) => r.type));
    for (const rule of rules) {
      for (const type of rule.resourceTypes) expect(known.has(type), `${rule.id}: ${type}`).toBe(true);
      for (const type of rule.lookupTypes ?? []) expect(isRecordable(type), `${rule.id} looks up ${type}`).toBe(true);
    }
  });

  it('gives every type the pack does not record an inventory adapter, so some path evaluates it', () => {
    for (const type of typesNotRecorded(rules)) expect(inventoryLoaders[type], type).toBeDefined();
  });

  it('never asks a recorder for a type it does not record', () => {
    const recorded = typesToRecord(rules);
    for (const type of recorded) expect(isRecordable(type), type).toBe(true);
    expect(recorded).toContain('AWS::SageMaker::NotebookInstance');
    expect(recorded).not.toContain('AWS::SageMaker::MonitoringSchedule');
  });
});

describe('rules on a type the pack does not record', () => {
  const tagged = ruleById('sagemaker-resource-tagged')!;

  it('keep their change trigger for the recorded types and run daily for the rest', () => {
    expect(changeTypesOf(tagged)).not.toContain('AWS::SageMaker::MonitoringSchedule');
    expect(changeTypesOf(tagged)).toContain('AWS::SageMaker::Workteam');
    expect(scheduledTypesOf(tagged)).toEqual(['AWS::SageMaker::MonitoringSchedule']);
    expect(scheduleOf(tagged)).toBe('TwentyFour_Hours');
    const kms = ruleById('sagemaker-notebook-kms-key')!;
    expect(scheduledTypesOf(kms)).toEqual([]);
    expect(scheduleOf(kms)).toBeUndefined();
  });

  it('can be scaffolded as change rules on a type the pack records, and not on one it does not', () => {
    expect(() =>
      checkOptions({ id: 'notebook-owner-tagged', type: 'AWS::SageMaker::NotebookInstance', trigger: 'change' }),
    ).not.toThrow();
    expect(() =>
      checkOptions({ id: 'pipeline-owner-tagged', type: 'AWS::SageMaker::Pipeline', trigger: 'change' }),
    ).toThrow(/does not record AWS::SageMaker::Pipeline/);
  });

  describe("a hybrid rule's scheduled run", () => {
    const configMock = mockClient(ConfigServiceClient);
    const sagemakerMock = mockClient(SageMakerClient);
    const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);
    const schedules = ['fraud-data-quality', 'churn-model-quality'];
    const arn = (name: string) => `arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/${name}`;
    let logged: any[];

    beforeEach(() => {
      configMock.reset();
      sagemakerMock.reset();
      taggingMock.reset();
      vi.stubEnv('AWS_REGION', 'us-east-1');
      logged = [];
      vi.spyOn(console, 'log').mockImplementation((line) => void logged.push(JSON.parse(String(line))));
      sagemakerMock.on(ListMonitoringSchedulesCommand).resolves({
        MonitoringScheduleSummaries: schedules.map((name) => ({
          MonitoringScheduleName: name,
          MonitoringScheduleArn: arn(name),
          CreationTime: new Date('2026-10-02T08:00:00Z'),
          LastModifiedTime: new Date('2026-11-20T08:00:00Z'),
          MonitoringScheduleStatus: 'Scheduled',
          EndpointName: `${name.split('-')[0]}-scorer`,
          MonitoringType: name.includes('data') ? 'DataQuality' : 'ModelQuality',
        })),
      });
      taggingMock.on(GetResourcesCommand).resolves({
        ResourceTagMappingList: [
          { ResourceARN: arn('churn-model-quality'), Tags: [{ Key: 'ml-pipeline', Value: 'churn' }] },
        ],
      });
      // Earlier results: a schedule since deleted, and a notebook the change trigger reported.
      configMock.on(GetComplianceDetailsByConfigRuleCommand).resolves({
        EvaluationResults: [
          ['AWS::SageMaker::MonitoringSchedule', 'retired-bias-monitor'],
          ['AWS::SageMaker::NotebookInstance', 'fraud-research'],
        ].map(([ResourceType, ResourceId]) => ({
          EvaluationResultIdentifier: { EvaluationResultQualifier: { ResourceType, ResourceId } },
        })),
      });
      configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    });
    afterEach(() => {
      vi.restoreAllMocks();
      vi.unstubAllEnvs();
    });
    afterAll(() => {
      configMock.restore();
      sagemakerMock.restore();
      taggingMock.restore();
    });

    it('lists only the unrecorded type, through its adapter, and cleans up only that type', async () => {
      const handler = makeHandler(tagged, {
        config: new ConfigServiceClient({ region: 'us-east-1' }),
        inventory: inventoryLoaders,
      });
      await handler({ ...fixture('_events', 'scheduled.json'), configRuleName: 'ml-config-sagemaker-resource-tagged' });
      const sent = configMock.commandCalls(PutEvaluationsCommand).flatMap((c) => c.args[0].input.Evaluations ?? []);
      expect(sent.map((e) => [e.ComplianceResourceType, e.ComplianceResourceId, e.ComplianceType]).sort()).toEqual([
        ['AWS::SageMaker::MonitoringSchedule', 'churn-model-quality', 'COMPLIANT'],
        ['AWS::SageMaker::MonitoringSchedule', 'fraud-data-quality', 'NON_COMPLIANT'],
        ['AWS::SageMaker::MonitoringSchedule', 'retired-bias-monitor', 'NOT_APPLICABLE'],
      ]);
      // A tag rule reads the listing and the tags: no Describe call per schedule.
      expect(sagemakerMock.commandCalls(DescribeMonitoringScheduleCommand)).toHaveLength(0);
      // The one finding on a line of its own; the compliant schedule and the clean-up in the summary.
      expect(logged.filter((l) => l.kind === 'verdict').map((l) => l.resourceId)).toEqual(['fraud-data-quality']);
      expect(logged.filter((l) => l.kind === 'summary')).toEqual([
        expect.objectContaining({
          counts: { COMPLIANT: 1, NON_COMPLIANT: 1, NOT_APPLICABLE: 0 },
          cleanedUp: 1,
          evaluationsSent: 3,
        }),
      ]);
    });
  });
});
