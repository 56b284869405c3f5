// Shapes several tracked types share (the SageMaker API names them the same way).
import { p } from '../schema.js';

export const vpcConfig = p.obj('VpcConfig', { SecurityGroupIds: p.list(p.string()), Subnets: p.list(p.string()) });

export const stoppingCondition = p.obj('StoppingCondition', {
  MaxRuntimeInSeconds: p.int(),
  MaxWaitTimeInSeconds: p.int(),
  MaxPendingTimeInSeconds: p.int(),
});

/** Who made a change: SageMaker Studio's user and domain, or the IAM identity. */
export const userContext = (name: string) =>
  p.obj(name, {
    UserProfileArn: p.string(),
    UserProfileName: p.string(),
    DomainId: p.string(),
    IamIdentity: p.obj('IamIdentity', { Arn: p.string(), PrincipalId: p.string(), SourceIdentity: p.string() }),
  });

export const s3Uri = (name: string) => p.obj(name, { S3Uri: p.string(), S3DataType: p.string() });
