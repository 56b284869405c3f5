// The scan's outputs: JSON, JUnit XML and the table, from a scan result; and the progress bar,
// which shows on a terminal only and never next to machine output.
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeEndpointConfigCommand,
  ListEndpointConfigsCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scanCommand } from '../cli/commands/scan.js';
import { reportText, setTableStyle, table } from '../cli/output.js';
import { scanJson, scanJunit, scanReport } from '../cli/scan/output.js';
import type { ScanRun } from '../cli/scan/run.js';
import { xmlEscape } from '../cli/junit.js';

const run: ScanRun = {
  accountId: '123456789012',
  regions: ['us-east-1', 'eu-west-1'],
  results: [
    {
      rule: 'sagemaker-endpoint-config-kms-key',
      region: 'us-east-1',
      sources: ['SageMaker API'],
      skipped: [],
      evaluations: [
        {
          ComplianceResourceType: 'AWS::SageMaker::EndpointConfig',
          ComplianceResourceId: 'a-ok',
          ComplianceType: 'COMPLIANT',
          OrderingTimestamp: 't',
        },
        {
          ComplianceResourceType: 'AWS::SageMaker::EndpointConfig',
          ComplianceResourceId: 'z-bad',
          ComplianceType: 'NON_COMPLIANT',
          Annotation: 'KmsKeyId <none> & "unset"',
          OrderingTimestamp: 't',
        },
        {
          ComplianceResourceType: 'AWS::SageMaker::EndpointConfig',
          ComplianceResourceId: 'm-serverless',
          ComplianceType: 'NOT_APPLICABLE',
          Annotation: 'every production variant is serverless',
          OrderingTimestamp: 't',
        },
      ],
    },
    {
      rule: 'sagemaker-resource-tagged',
      region: 'eu-west-1',
      sources: ['SageMaker API'],
      skipped: ['AWS::SageMaker::Workteam: not recorded by Config in eu-west-1, and no direct API adapter'],
      evaluations: [],
      error: 'AWS::SageMaker::FeatureGroup: ListFeatureGroups: AccessDeniedException: not authorized (HTTP 400)',
    },
  ],
};

describe('scan output', () => {
  it('JSON: one object per evaluation, NON_COMPLIANT first, with the Region when several were scanned', () => {
    expect(scanJson(run)).toEqual([
      {
        rule: 'sagemaker-endpoint-config-kms-key',
        region: 'us-east-1',
        ComplianceResourceType: 'AWS::SageMaker::EndpointConfig',
        ComplianceResourceId: 'z-bad',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'KmsKeyId <none> & "unset"',
      },
      {
        rule: 'sagemaker-endpoint-config-kms-key',
        region: 'us-east-1',
        ComplianceResourceType: 'AWS::SageMaker::EndpointConfig',
        ComplianceResourceId: 'a-ok',
        ComplianceType: 'COMPLIANT',
      },
      {
        rule: 'sagemaker-endpoint-config-kms-key',
        region: 'us-east-1',
        ComplianceResourceType: 'AWS::SageMaker::EndpointConfig',
        ComplianceResourceId: 'm-serverless',
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: 'every production variant is serverless',
      },
    ]);
    expect(scanJson({ ...run, regions: ['us-east-1'] })[0]).not.toHaveProperty('region');
  });

  it('JUnit: failures, skipped cases and errors, escaped', () => {
    const xml = scanJunit(run);
    expect(xml).toMatch(
      /^<testsuites name="ml-config-rules scan" tests="5" failures="1" errors="1" skipped="2" time="0">$/m,
    );
    expect(xml).toContain(
      '<failure type="NON_COMPLIANT" message="KmsKeyId &lt;none&gt; &amp; &quot;unset&quot;">KmsKeyId &lt;none&gt; &amp; &quot;unset&quot;</failure>',
    );
    expect(xml).toContain(
      '<testsuite name="sagemaker-resource-tagged (eu-west-1)" tests="2" failures="0" errors="1" skipped="1"',
    );
    expect(xml).toContain(
      '<testcase classname="sagemaker-resource-tagged (eu-west-1)" name="rule run" time="0">\n      <error type="ScanError" message="AWS::SageMaker::FeatureGroup: ListFeatureGroups',
    );
    expect(xml).toContain(
      '<testcase classname="sagemaker-resource-tagged (eu-west-1)" name="AWS::SageMaker::Workteam" time="0">\n      <skipped message="AWS::SageMaker::Workteam: not recorded',
    );
    expect(xmlEscape('a\u0000b\u001fc<')).toBe('abc&lt;');
  });

  const scanTable = (r: typeof run, width: number) => reportText(scanReport(r, width));

  it('table: the verdicts, a summary per rule with its source and notes, and a total', () => {
    const text = scanTable(run, 400);
    expect(text).toMatch(
      /│ sagemaker-endpoint-config-kms-key\s+│ us-east-1\s+│ AWS::SageMaker::EndpointConfig\s+│ z-bad\s+│ NON_COMPLIANT\s+│ KmsKeyId <none>/,
    );
    expect(text).toMatch(
      /│ sagemaker-resource-tagged\s+│ eu-west-1\s+│ SageMaker API\s+│ 0\s+│ 0\s+│ 0\s+│ 0\s+│ failed: see stderr/,
    );
    expect(text.trimEnd().split('\n').pop()).toBe(
      '3 evaluations by 2 rules in account 123456789012, us-east-1, eu-west-1: 1 non-compliant, 1 compliant, 1 not applicable; 1 rule run failed',
    );
  });

  it('table: fits 80 columns, every cell wrapped rather than cut', () => {
    const tables = scanTable(run, 80)
      .split('\n')
      .filter((line) => /^[┌│├└]/.test(line));
    for (const line of tables) expect([...line].length, line).toBeLessThanOrEqual(80);
    // The skipped note comes back whole when its wrapped pieces are read in order.
    const lastColumn = tables.flatMap((line) => (line.startsWith('│') ? [line.split('│').at(-2)!.trim()] : []));
    const squeezed = (s: string) => s.replace(/\s+/g, '');
    const skipped = run.results.find((r) => r.skipped.length > 0)!.skipped.join('; ');
    expect(squeezed(lastColumn.join(''))).toContain(squeezed(skipped));
    // The error is said on stderr (one line), never broken up inside a cell.
    expect(squeezed(lastColumn.join(''))).not.toContain(squeezed(run.results.find((r) => r.error)!.error!));
  });

  it('tsv: the verdicts alone, one header line, one line per evaluation; the totals are a note', () => {
    setTableStyle('tsv');
    try {
      const report = scanReport(run, 80);
      const lines = report.table.split('\n');
      expect(lines[0]).toBe(['rule', 'region', 'resource type', 'resource id', 'verdict', 'annotation'].join('\t'));
      expect(lines).toHaveLength(1 + run.results.flatMap((r) => r.evaluations).length);
      expect(lines.filter((l) => l.split('\t')[4] === 'NON_COMPLIANT')).toHaveLength(1);
      expect(report.notes[0]).toMatch(/^3 evaluations by 2 rules/);
      expect(table(['a'], [['x\ty\nz']])).toBe('a\nx y; z');
    } finally {
      setTableStyle(undefined);
    }
  });
});

describe('the progress bar', () => {
  const config = mockClient(ConfigServiceClient);
  const sagemaker = mockClient(SageMakerClient);
  const sts = mockClient(STSClient);
  let stderr: string;
  let stdout: string;
  const tty = process.stderr.isTTY;

  beforeEach(() => {
    stderr = '';
    stdout = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      stderr += String(chunk);
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      stdout += String(chunk);
      return true;
    });
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    sagemaker.on(ListEndpointConfigsCommand).resolves({
      EndpointConfigs: [{ EndpointConfigName: 'churn-v3', EndpointConfigArn: 'x', CreationTime: new Date() }],
    });
    sagemaker.on(DescribeEndpointConfigCommand).resolves({
      EndpointConfigName: 'churn-v3',
      EndpointConfigArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-v3',
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 2 },
      ],
      CreationTime: new Date(),
    });
    sagemaker.on(ListTagsCommand).resolves({ Tags: [] });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.stderr.isTTY = tty;
    process.exitCode = undefined;
  });
  afterAll(() => {
    config.restore();
    sagemaker.restore();
    sts.restore();
  });

  const scan = (format: 'table' | 'json' | 'junit') =>
    scanCommand({ rule: ['sagemaker-endpoint-config-kms-key'], region: ['us-east-1'], format, concurrency: '8' });

  it('is drawn on a terminal for the table', async () => {
    process.stderr.isTTY = true;
    await scan('table');
    expect(stderr).toContain('scanning');
    expect(stderr).toContain('rule runs');
    expect(stdout).toContain('churn-v3');
  });

  it('never appears with JSON or JUnit output, even on a terminal', async () => {
    process.stderr.isTTY = true;
    await scan('json');
    await scan('junit');
    expect(stderr).toBe('');
    expect(JSON.parse(stdout.slice(0, stdout.indexOf('<?xml')))).toEqual([
      {
        rule: 'sagemaker-endpoint-config-kms-key',
        account: '123456789012',
        ComplianceResourceType: 'AWS::SageMaker::EndpointConfig',
        ComplianceResourceId: 'churn-v3',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'KmsKeyId is not set',
      },
    ]);
  });

  it('is not drawn when stderr is not a terminal', async () => {
    process.stderr.isTTY = false;
    await scan('table');
    expect(stderr).toBe('');
  });
});
