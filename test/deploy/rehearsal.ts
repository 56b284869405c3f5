// A rehearsal of `pulumi up` against moto: what the program registers under Pulumi's mocks, sent as
// the same AWS API requests through the AWS SDK, in dependency order. A small table (Pulumi type →
// SDK command and input mapping), not a provider: enough for moto to apply AWS's documented
// constraints (a Config rule's scope, a recorder before its channel, a function before its rule...).
import { crc32, deflateRawSync } from 'node:zlib';
import {
  ConfigServiceClient,
  PutConfigRuleCommand,
  PutConfigurationAggregatorCommand,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutPermissionCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { ACCOUNT, type MockResource } from './harness.js';

export interface Clients {
  config: ConfigServiceClient;
  events: EventBridgeClient;
  iam: IAMClient;
  kms: KMSClient;
  lambda: LambdaClient;
  s3: S3Client;
  sns: SNSClient;
}

export const makeClients = (): Clients => ({
  config: new ConfigServiceClient({}),
  events: new EventBridgeClient({}),
  iam: new IAMClient({}),
  kms: new KMSClient({}),
  lambda: new LambdaClient({}),
  s3: new S3Client({ forcePathStyle: true }),
  sns: new SNSClient({}),
});

/** One request per resource; it returns what later inputs must see instead of the mock's values (real ARNs). */
type Send = (c: Clients, inputs: Record<string, any>, r: MockResource) => Promise<Record<string, string> | undefined>;

/** A tiny valid zip holding index.js: Lambda takes a function's code as a zip archive. */
function handlerZip(): Uint8Array {
  const name = Buffer.from('index.js');
  const body = Buffer.from('exports.handler = async () => ({});\n');
  const data = deflateRawSync(body);
  const crc = crc32(body);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(body.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(body.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/**
 * Types the pack records that moto's recording-group enum (moto 5.2) does not list, although AWS
 * Config lists them as recordable
 * (https://docs.aws.amazon.com/config/latest/developerguide/resource-config-reference.html): the
 * rehearsal leaves them out of the recorder request, and docs/deploy.md lists them as checks only
 * a real account can make. Any other type moto refuses fails the rehearsal.
 */
export const MOTO_UNLISTED_TYPES: readonly string[] = [
  'AWS::SageMaker::EndpointConfig',
  'AWS::SageMaker::NotebookInstance',
];

/**
 * CreateRole, then the same trust policy again through UpdateAssumeRolePolicy: moto checks a trust
 * policy's grammar (condition operators, actions, no Resource) only on the update, as IAM does on both.
 */
async function createRole(
  c: Clients,
  role: { RoleName: string; Description?: string; MaxSessionDuration?: number },
  trust: string,
): Promise<undefined> {
  await c.iam.send(new CreateRoleCommand({ ...role, AssumeRolePolicyDocument: trust }));
  await c.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: role.RoleName, PolicyDocument: trust }));
  return undefined;
}

/**
 * A CloudFormation template value as CloudFormation resolves it in an account: `Ref` to the
 * account id and `Fn::Sub` on the pseudo parameters the member template uses.
 */
function resolvedIn(account: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => resolvedIn(account, v));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (object.Ref === 'AWS::AccountId') return account;
  if (typeof object['Fn::Sub'] === 'string') return object['Fn::Sub'].replaceAll('${AWS::AccountId}', account);
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolvedIn(account, v)]));
}

/**
 * The IAM roles of the member template, created as the stack set would create them in a member
 * account (the rehearsal's one account stands for it), so that IAM checks their trust and inline
 * policies. Its recorder and delivery channel are not sent: this account's recorder holds the one
 * recorder an account may have.
 */
async function memberTemplateRoles(c: Clients, templateBody: string): Promise<void> {
  const template = resolvedIn(ACCOUNT, JSON.parse(templateBody)) as { Resources: Record<string, any> };
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Role') continue;
    const p = resource.Properties;
    await createRole(
      c,
      {
        RoleName: p.RoleName,
        Description: p.Description,
        ...(p.MaxSessionDuration ? { MaxSessionDuration: p.MaxSessionDuration } : {}),
      },
      JSON.stringify(p.AssumeRolePolicyDocument),
    );
    for (const policy of p.Policies ?? [])
      await c.iam.send(
        new PutRolePolicyCommand({
          RoleName: p.RoleName,
          PolicyName: policy.PolicyName,
          PolicyDocument: JSON.stringify(policy.PolicyDocument),
        }),
      );
    for (const arn of p.ManagedPolicyArns ?? [])
      await c.iam.send(new AttachRolePolicyCommand({ RoleName: p.RoleName, PolicyArn: arn }));
  }
}

/** Pulumi type → the request `pulumi up` makes for it. */
export const REQUESTS: Record<string, Send> = {
  'aws:iam/role:Role': (c, i) => createRole(c, { RoleName: i.name, Description: i.description }, i.assumeRolePolicy),
  'aws:iam/rolePolicy:RolePolicy': (c, i, r) =>
    c.iam
      .send(new PutRolePolicyCommand({ RoleName: i.role, PolicyName: i.name ?? r.name, PolicyDocument: i.policy }))
      .then(() => undefined),
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment': (c, i) =>
    c.iam.send(new AttachRolePolicyCommand({ RoleName: i.role, PolicyArn: i.policyArn })).then(() => undefined),
  'aws:kms/key:Key': async (c, i) => {
    const { KeyMetadata } = await c.kms.send(new CreateKeyCommand({ Description: i.description, Policy: i.policy }));
    return { arn: KeyMetadata!.Arn!, keyId: KeyMetadata!.KeyId! };
  },
  'aws:kms/alias:Alias': (c, i) =>
    c.kms.send(new CreateAliasCommand({ AliasName: i.name, TargetKeyId: i.targetKeyId })).then(() => undefined),
  'aws:s3/bucket:Bucket': (c, i) => c.s3.send(new CreateBucketCommand({ Bucket: i.bucket })).then(() => undefined),
  'aws:s3/bucketVersioning:BucketVersioning': (c, i) =>
    c.s3
      .send(
        new PutBucketVersioningCommand({
          Bucket: i.bucket,
          VersioningConfiguration: { Status: i.versioningConfiguration.status },
        }),
      )
      .then(() => undefined),
  'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration': (c, i) =>
    c.s3
      .send(
        new PutBucketEncryptionCommand({
          Bucket: i.bucket,
          ServerSideEncryptionConfiguration: {
            Rules: i.rules.map((rule: any) => ({
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: rule.applyServerSideEncryptionByDefault.sseAlgorithm,
                ...(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId
                  ? { KMSMasterKeyID: rule.applyServerSideEncryptionByDefault.kmsMasterKeyId }
                  : {}),
              },
              ...(rule.bucketKeyEnabled !== undefined ? { BucketKeyEnabled: rule.bucketKeyEnabled } : {}),
            })),
          },
        }),
      )
      .then(() => undefined),
  'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock': (c, i) =>
    c.s3
      .send(
        new PutPublicAccessBlockCommand({
          Bucket: i.bucket,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: i.blockPublicAcls,
            BlockPublicPolicy: i.blockPublicPolicy,
            IgnorePublicAcls: i.ignorePublicAcls,
            RestrictPublicBuckets: i.restrictPublicBuckets,
          },
        }),
      )
      .then(() => undefined),
  'aws:s3/bucketOwnershipControls:BucketOwnershipControls': (c, i) =>
    c.s3
      .send(
        new PutBucketOwnershipControlsCommand({
          Bucket: i.bucket,
          OwnershipControls: { Rules: [{ ObjectOwnership: i.rule.objectOwnership }] },
        }),
      )
      .then(() => undefined),
  'aws:s3/bucketLogging:BucketLogging': (c, i) =>
    c.s3
      .send(
        new PutBucketLoggingCommand({
          Bucket: i.bucket,
          BucketLoggingStatus: { LoggingEnabled: { TargetBucket: i.targetBucket, TargetPrefix: i.targetPrefix } },
        }),
      )
      .then(() => undefined),
  'aws:s3/bucketPolicy:BucketPolicy': (c, i) =>
    c.s3.send(new PutBucketPolicyCommand({ Bucket: i.bucket, Policy: i.policy })).then(() => undefined),
  // The recorder this stack creates, or an existing one it extends (an inclusion or exclusion list).
  'aws:cfg/recorder:Recorder': (c, i) => {
    const g = i.recordingGroup;
    const listed = (types: string[]): any[] => types.filter((t) => !MOTO_UNLISTED_TYPES.includes(t));
    return c.config
      .send(
        new PutConfigurationRecorderCommand({
          ConfigurationRecorder: {
            name: i.name,
            roleARN: i.roleArn,
            recordingGroup: {
              allSupported: g.allSupported,
              includeGlobalResourceTypes: g.includeGlobalResourceTypes,
              ...(g.resourceTypes ? { resourceTypes: listed(g.resourceTypes) } : {}),
              ...(g.exclusionByResourceTypes
                ? { exclusionByResourceTypes: { resourceTypes: g.exclusionByResourceTypes[0].resourceTypes } }
                : {}),
              ...(g.recordingStrategies ? { recordingStrategy: { useOnly: g.recordingStrategies[0].useOnly } } : {}),
            },
            ...(i.recordingMode
              ? {
                  recordingMode: {
                    recordingFrequency: i.recordingMode.recordingFrequency,
                    ...(i.recordingMode.recordingModeOverride
                      ? { recordingModeOverrides: [i.recordingMode.recordingModeOverride] }
                      : {}),
                  },
                }
              : {}),
          },
        }),
      )
      .then(() => undefined);
  },
  'aws:cfg/deliveryChannel:DeliveryChannel': (c, i) =>
    c.config
      .send(
        new PutDeliveryChannelCommand({
          DeliveryChannel: {
            name: i.name,
            s3BucketName: i.s3BucketName,
            ...(i.s3KmsKeyArn ? { s3KmsKeyArn: i.s3KmsKeyArn } : {}),
            ...(i.snsTopicArn ? { snsTopicARN: i.snsTopicArn } : {}),
            configSnapshotDeliveryProperties: { deliveryFrequency: i.snapshotDeliveryProperties.deliveryFrequency },
          },
        }),
      )
      .then(() => undefined),
  'aws:cfg/recorderStatus:RecorderStatus': async (c, i) => {
    if (i.isEnabled) await c.config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: i.name }));
    return undefined;
  },
  'aws:lambda/function:Function': async (c, i) => {
    const out = await c.lambda.send(
      new CreateFunctionCommand({
        FunctionName: i.name,
        Description: i.description,
        Role: i.role,
        Runtime: i.runtime,
        Architectures: i.architectures,
        Handler: i.handler,
        Code: { ZipFile: handlerZip() },
        MemorySize: i.memorySize,
        Timeout: i.timeout,
        LoggingConfig: { LogFormat: i.loggingConfig.logFormat, LogGroup: i.loggingConfig.logGroup },
        ...(i.environment ? { Environment: { Variables: i.environment.variables } } : {}),
      }),
    );
    return { arn: out.FunctionArn! };
  },
  'aws:lambda/permission:Permission': (c, i) =>
    c.lambda
      .send(
        new AddPermissionCommand({
          FunctionName: i.function,
          StatementId: i.statementId,
          Action: i.action,
          Principal: i.principal,
          SourceAccount: i.sourceAccount,
          SourceArn: i.sourceArn,
        }),
      )
      .then(() => undefined),
  'aws:cfg/rule:Rule': (c, i) =>
    c.config
      .send(
        new PutConfigRuleCommand({
          ConfigRule: {
            ConfigRuleName: i.name,
            Description: i.description,
            Source: {
              Owner: i.source.owner,
              SourceIdentifier: i.source.sourceIdentifier,
              SourceDetails: i.source.sourceDetails.map((d: any) => ({
                EventSource: d.eventSource,
                MessageType: d.messageType,
                ...(d.maximumExecutionFrequency ? { MaximumExecutionFrequency: d.maximumExecutionFrequency } : {}),
              })),
            },
            ...(i.inputParameters ? { InputParameters: i.inputParameters } : {}),
            ...(i.scope
              ? {
                  Scope: {
                    ComplianceResourceTypes: i.scope.complianceResourceTypes,
                    TagKey: i.scope.tagKey,
                    TagValue: i.scope.tagValue,
                    ComplianceResourceId: i.scope.complianceResourceId,
                  },
                }
              : {}),
          },
        }),
      )
      .then(() => undefined),
  'aws:cfg/configurationAggregator:ConfigurationAggregator': (c, i) =>
    c.config
      .send(
        new PutConfigurationAggregatorCommand({
          ConfigurationAggregatorName: i.name,
          OrganizationAggregationSource: {
            RoleArn: i.organizationAggregationSource.roleArn,
            AllAwsRegions: i.organizationAggregationSource.allRegions,
          },
        }),
      )
      .then(() => undefined),
  'aws:cloudformation/stackSet:StackSet': (c, i) => memberTemplateRoles(c, i.templateBody).then(() => undefined),
  'aws:sns/topic:Topic': async (c, i) => ({
    arn: (await c.sns.send(new CreateTopicCommand({ Name: i.name }))).TopicArn!,
  }),
  'aws:sns/topicPolicy:TopicPolicy': (c, i) =>
    c.sns
      .send(new SetTopicAttributesCommand({ TopicArn: i.arn, AttributeName: 'Policy', AttributeValue: i.policy }))
      .then(() => undefined),
  'aws:sns/topicSubscription:TopicSubscription': (c, i) =>
    c.sns
      .send(new SubscribeCommand({ TopicArn: i.topic, Protocol: i.protocol, Endpoint: i.endpoint }))
      .then(() => undefined),
  'aws:cloudwatch/eventRule:EventRule': (c, i) =>
    c.events
      .send(
        new PutRuleCommand({
          Name: i.name,
          Description: i.description,
          EventBusName: i.eventBusName,
          EventPattern: i.eventPattern,
          ScheduleExpression: i.scheduleExpression,
          State: i.state,
        }),
      )
      .then(() => undefined),
  'aws:cloudwatch/eventBus:EventBus': async (c, i) => ({
    arn: (await c.events.send(new CreateEventBusCommand({ Name: i.name, Description: i.description }))).EventBusArn!,
  }),
  'aws:cloudwatch/eventBusPolicy:EventBusPolicy': (c, i) =>
    c.events.send(new PutPermissionCommand({ EventBusName: i.eventBusName, Policy: i.policy })).then(() => undefined),
  'aws:cloudwatch/eventTarget:EventTarget': (c, i, r) =>
    c.events
      .send(
        new PutTargetsCommand({
          Rule: i.rule,
          EventBusName: i.eventBusName,
          Targets: [
            {
              Id: i.targetId ?? r.name,
              Arn: i.arn,
              ...(i.inputTransformer
                ? {
                    InputTransformer: {
                      InputPathsMap: i.inputTransformer.inputPaths,
                      InputTemplate: i.inputTransformer.inputTemplate,
                    },
                  }
                : {}),
            },
          ],
        }),
      )
      .then(() => undefined),
};

/** What the rehearsal does not send, and why (each checked by the deploy's own tests instead). */
export const NOT_SENT: Record<string, string> = {
  'aws:cloudwatch/logGroup:LogGroup':
    'no constraint the deploy can break: a name and a retention from a fixed list (config.ts checks it)',
  'aws:lambda/resourcePolicy:ResourcePolicy':
    'moto does not implement Lambda PutResourcePolicy; its size is checked against the 20 KB quota',
  'aws:cfg/remediationConfiguration:RemediationConfiguration': 'moto does not implement PutRemediationConfigurations',
  'aws:cfg/organizationCustomRule:OrganizationCustomRule':
    "moto does not implement PutOrganizationConfigRule; its scope is built like the account rule's",
  'aws:cloudformation/cloudFormationType:CloudFormationType':
    'moto does not implement the CloudFormation registry (RegisterType): the registrations are checked under the mocks (tracking.test.ts)',
  'aws:s3/bucketObjectv2:BucketObjectv2':
    'the engine zips the package from its files; the files and their keys are checked under the mocks (tracking.test.ts)',
  'aws:cloudformation/stackSetInstance:StackSetInstance':
    "a service-managed stack set needs an organization: the stack set's roles are created as IAM roles instead, and its policies are size-checked",
};

/** Order resources so that each comes after everything it depends on (components included). */
export function dependencyOrder(resources: MockResource[]): MockResource[] {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const done = new Set<string>();
  const out: MockResource[] = [];
  const visit = (r: MockResource, path: Set<string>) => {
    if (done.has(r.name)) return;
    if (path.has(r.name)) throw new Error(`dependency cycle through ${r.name}`);
    path.add(r.name);
    for (const dep of r.dependsOn) {
      const d = byName.get(dep);
      if (d) visit(d, path);
    }
    path.delete(r.name);
    done.add(r.name);
    out.push(r);
  };
  for (const r of resources) visit(r, new Set());
  return out;
}

export interface Rehearsal {
  sent: { type: string; name: string }[];
  skipped: { type: string; name: string }[];
}

/** Send every mapped resource's request; the first refusal throws, naming the resource. */
export async function rehearse(resources: MockResource[], clients: Clients): Promise<Rehearsal> {
  const replace = new Map<string, string>();
  const sent: Rehearsal['sent'] = [];
  const skipped: Rehearsal['skipped'] = [];
  for (const r of dependencyOrder(resources)) {
    const send = REQUESTS[r.type];
    if (!send) {
      if (r.type.startsWith('aws:')) {
        if (!NOT_SENT[r.type])
          throw new Error(`the rehearsal has no request for ${r.type} (${r.name}): add it to REQUESTS or NOT_SENT`);
        skipped.push({ type: r.type, name: r.name });
      }
      continue;
    }
    // Values the mocks made up (ARNs, ids) replaced by what moto answered for their resources.
    let text = JSON.stringify(r.inputs);
    for (const [from, to] of replace) text = text.split(from).join(to);
    try {
      const real = await send(clients, JSON.parse(text), r);
      if (real) for (const [key, value] of Object.entries(real)) replace.set(mockValue(r, key), value);
    } catch (error) {
      throw new Error(`${r.type} ${r.name} was refused: ${(error as Error).name}: ${(error as Error).message}`);
    }
    sent.push({ type: r.type, name: r.name });
  }
  return { sent, skipped };
}

/** The value the mocks gave a resource's output (test/deploy/harness.ts arnOf / id). */
function mockValue(r: MockResource, key: string): string {
  const state = r.state ?? {};
  return String(key === 'keyId' ? state.id : state[key]);
}
