// SageMaker pipeline executions, as DescribePipelineExecution and ListPipelineParametersForExecution
// return them, with the digest of the definition the execution ran
// (DescribePipelineDefinitionForExecution). Parameter values under a secret's name are redacted.
// LastModifiedTime is left out: it moves with every step, and each recorded change is billed.
import { p, type TrackedSpec } from '../schema.js';

export const pipelineExecutions: TrackedSpec = {
  resource: 'PipelineExecution',
  description: 'A SageMaker pipeline execution, recorded from DescribePipelineExecution by ml-config-rules.',
  primaryIdentifier: 'PipelineExecutionArn',
  documentationUrl: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribePipelineExecution.html',
  properties: {
    PipelineExecutionArn: p.string(),
    PipelineArn: p.string(),
    PipelineExecutionDisplayName: p.string(),
    PipelineExecutionDescription: p.string(),
    PipelineExecutionStatus: p.string(),
    FailureReason: p.string(),
    CreationTime: p.time(),
    PipelineVersionId: p.int(),
    PipelineParameters: p.list(p.obj('Parameter', { Name: p.string(), Value: p.string() })),
    PipelineDefinitionDigest: p.string('sha256:<hex> of the definition this execution ran.'),
    CreatedBy: p.obj('ExecutionCreatedBy', {
      UserProfileName: p.string(),
      DomainId: p.string(),
      IamIdentity: p.obj('IamIdentity', { Arn: p.string(), PrincipalId: p.string(), SourceIdentity: p.string() }),
    }),
    ParallelismConfiguration: p.obj('ParallelismConfiguration', { MaxParallelExecutionSteps: p.int() }),
  },
};
