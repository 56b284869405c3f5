// Large CloudFormation templates for the template benchmark: an ML platform's resources repeated
// with numbered logical ids (notebooks, buckets with their policies, models, endpoint configs),
// intrinsic functions as real templates use them (Ref, Sub, GetAtt, FindInMap, If, Join, Select).

/** One block of resources, numbered `i`. */
function block(i: number): Record<string, unknown> {
  const bucket = `Data${i}`;
  return {
    [bucket]: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: { 'Fn::Sub': `acme-ml-data-${i}-\${AWS::AccountId}` },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::FindInMap': ['Keys', { Ref: 'Env' }, 'Data'] },
              },
            },
          ],
        },
        Tags: [
          { Key: 'ml-pipeline', Value: `pipeline-${i % 17}` },
          { Key: 'team', Value: 'growth-ml' },
        ],
      },
    },
    [`${bucket}Policy`]: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: bucket },
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [
                { 'Fn::GetAtt': [bucket, 'Arn'] },
                { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/*']] },
              ],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
    [`Notebook${i}`]: {
      Type: 'AWS::SageMaker::NotebookInstance',
      Properties: {
        InstanceType: 'ml.t3.medium',
        RoleArn: { 'Fn::GetAtt': ['NotebookRole', 'Arn'] },
        DirectInternetAccess: { 'Fn::If': ['IsProd', 'Disabled', 'Enabled'] },
        RootAccess: 'Disabled',
        KmsKeyId: { Ref: 'DataKmsKeyArn' },
        SubnetId: { 'Fn::Select': [0, { Ref: 'PrivateSubnetIds' }] },
        Tags: [{ Key: 'ml-pipeline', Value: `pipeline-${i % 17}` }],
      },
    },
    [`Model${i}`]: {
      Type: 'AWS::SageMaker::Model',
      Properties: {
        ExecutionRoleArn: { 'Fn::GetAtt': ['NotebookRole', 'Arn'] },
        EnableNetworkIsolation: true,
        PrimaryContainer: {
          Image: { 'Fn::Sub': `\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/churn:3` },
          ModelDataUrl: { 'Fn::Sub': `s3://\${${bucket}}/models/${i}/model.tar.gz` },
        },
        VpcConfig: { Subnets: { Ref: 'PrivateSubnetIds' }, SecurityGroupIds: ['sg-0a1b2c3d4e5f60718'] },
      },
    },
    [`EndpointConfig${i}`]: {
      Type: 'AWS::SageMaker::EndpointConfig',
      Properties: {
        KmsKeyId: { Ref: 'DataKmsKeyArn' },
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: { 'Fn::GetAtt': [`Model${i}`, 'ModelName'] },
            InitialInstanceCount: 2,
            InstanceType: 'ml.m5.xlarge',
          },
        ],
        DataCaptureConfig: {
          EnableCapture: true,
          InitialSamplingPercentage: 20,
          DestinationS3Uri: { 'Fn::Sub': `s3://\${${bucket}}/capture` },
          CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
        },
      },
    },
  };
}

/** A template of about `bytes` bytes of JSON (pretty-printed, as `cdk synth` writes it). */
export function largeTemplate(bytes: number): { text: string; resources: number } {
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: {
      Env: { Type: 'String', Default: 'prod' },
      DataKmsKeyArn: { Type: 'String' },
      PrivateSubnetIds: { Type: 'List<AWS::EC2::Subnet::Id>' },
    },
    Mappings: {
      Keys: {
        prod: { Data: 'arn:aws:kms:us-east-1:123456789012:key/0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f' },
        dev: { Data: 'arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d-5e6f-4a0b-8c9d-0e1f2a3b4c5d' },
      },
    },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Resources: { NotebookRole: { Type: 'AWS::IAM::Role', Properties: {} } } as Record<string, unknown>,
  };
  // Blocks nest deeper in the template than on their own, and later ids are longer: measure, then scale once.
  const build = (blocks: number) => {
    const resources = { NotebookRole: { Type: 'AWS::IAM::Role', Properties: {} } } as Record<string, unknown>;
    for (let i = 0; i < blocks; i++) Object.assign(resources, block(i));
    template.Resources = resources;
    return JSON.stringify(template, null, 2).length;
  };
  const guess = Math.max(1, Math.round(bytes / JSON.stringify(block(0), null, 2).length));
  build(Math.max(1, Math.floor((guess * bytes) / build(guess))));
  return { text: `${JSON.stringify(template, null, 2)}\n`, resources: Object.keys(template.Resources).length };
}
