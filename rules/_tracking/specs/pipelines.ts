// SageMaker pipelines, as DescribePipeline returns them. PipelineDefinition is the definition as
// a JSON string (what the encryption rule parses), with parameter defaults and step values under a
// secret's name redacted (definition.ts); PipelineDefinitionDigest is the SHA-256 of the
// definition as SageMaker returned it, so a change shows even where the recorded text had to be
// reduced to what the encryption rule reads (trim.ts). LastRunTime is left out: every run would
// record a billed item for the pipeline, and the executions are recorded on their own.
import { p, type TrackedSpec } from '../schema.js';

export const pipelines: TrackedSpec = {
  resource: 'Pipeline',
  description: 'A SageMaker pipeline, recorded from DescribePipeline by ml-config-rules.',
  primaryIdentifier: 'PipelineName',
  documentationUrl: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribePipeline.html',
  properties: {
    PipelineName: p.string(),
    PipelineArn: p.string(),
    PipelineDisplayName: p.string(),
    PipelineDescription: p.string(),
    PipelineStatus: p.string(),
    RoleArn: p.string(),
    CreationTime: p.time(),
    LastModifiedTime: p.time(),
    PipelineVersionId: p.int(),
    PipelineDefinition: p.read(p.string('The definition (JSON text), secrets redacted; reduced when over 64 KB.')),
    PipelineDefinitionDigest: p.string('sha256:<hex> of the definition as DescribePipeline returned it.'),
    ParallelismConfiguration: p.obj('ParallelismConfiguration', { MaxParallelExecutionSteps: p.int() }),
  },
};
