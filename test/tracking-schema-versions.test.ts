// A member account's schema versions (organization mode): the default version of each tracked type
// registered there, from DescribeType; a type not registered there is left out (the capture then
// says which); any other failure is not swallowed; one read per account for ten minutes, and a
// failed read is not kept.
import { CloudFormationClient, DescribeTypeCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clearMemberVersions,
  MEMBER_VERSIONS_TTL_MS,
  memberVersions,
  registeredVersions,
} from '../rules/_tracking/schema-versions.js';

const cloudformation = mockClient(CloudFormationClient);
afterAll(() => cloudformation.restore());
const notFound = Object.assign(new Error('The type MLConfigRules::SageMaker::ProcessingJob cannot be found.'), {
  name: 'TypeNotFoundException',
});
const client = () => new CloudFormationClient({ region: 'us-east-1' });

beforeEach(() => {
  cloudformation.reset();
  clearMemberVersions();
});

describe('registeredVersions', () => {
  it("reads each type's default version, and leaves out a type not registered", async () => {
    cloudformation.on(DescribeTypeCommand).resolves({ DefaultVersionId: '00000003' });
    cloudformation.on(DescribeTypeCommand, { TypeName: 'MLConfigRules::SageMaker::ProcessingJob' }).rejects(notFound);
    const versions = await registeredVersions(client(), 'MLConfigRules');
    expect(versions).toEqual({
      TrainingJob: '00000003',
      Endpoint: '00000003',
      Pipeline: '00000003',
      PipelineExecution: '00000003',
      ModelPackage: '00000003',
      ModelPackageGroup: '00000003',
    });
    expect(cloudformation.commandCalls(DescribeTypeCommand)[0]!.args[0].input).toEqual({
      Type: 'RESOURCE',
      TypeName: 'MLConfigRules::SageMaker::TrainingJob',
    });
  });

  it('lets any other error through', async () => {
    cloudformation
      .on(DescribeTypeCommand)
      .rejects(
        Object.assign(new Error('not authorized to perform cloudformation:DescribeType'), { name: 'AccessDenied' }),
      );
    await expect(registeredVersions(client(), 'MLConfigRules')).rejects.toThrow('cloudformation:DescribeType');
  });
});

describe('memberVersions', () => {
  it('reads an account once per ten minutes, and again once that has passed', async () => {
    cloudformation.on(DescribeTypeCommand).resolves({ DefaultVersionId: '00000001' });
    let now = 1_000_000;
    const read = () => memberVersions('210987654321', 'MLConfigRules', client, () => now);
    expect((await read()).TrainingJob).toBe('00000001');
    const calls = cloudformation.commandCalls(DescribeTypeCommand).length;
    expect(calls).toBe(7);
    now += MEMBER_VERSIONS_TTL_MS - 1;
    await read();
    expect(cloudformation.commandCalls(DescribeTypeCommand)).toHaveLength(calls);
    cloudformation.on(DescribeTypeCommand).resolves({ DefaultVersionId: '00000002' });
    now += 1;
    expect((await read()).TrainingJob).toBe('00000002');
    // Another account is read on its own.
    await memberVersions('345678901234', 'MLConfigRules', client, () => now);
    expect(cloudformation.commandCalls(DescribeTypeCommand)).toHaveLength(3 * calls);
  });

  it('does not keep a failed read', async () => {
    cloudformation.on(DescribeTypeCommand).rejectsOnce(new Error('Rate exceeded')).resolves({ DefaultVersionId: '1' });
    await expect(memberVersions('210987654321', 'MLConfigRules', client)).rejects.toThrow('Rate exceeded');
    expect((await memberVersions('210987654321', 'MLConfigRules', client)).Endpoint).toBe('1');
  });
});
