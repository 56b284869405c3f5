// AWS::SageMaker::NotebookInstance and its lifecycle configuration: the fields the notebook rules read.
import * as z from 'zod/mini';
import { configuration, str } from './fields.js';

export const notebookInstance = configuration({
  DirectInternetAccess: str(),
  RootAccess: str(),
  SubnetId: str(),
  KmsKeyId: str(),
  PlatformIdentifier: str(),
});

const hook = z.looseObject({ Content: str() }, { error: 'a hook object ({"Content": ...})' });
// A list of hooks; a single hook object is read as a list of one.
const hookList = z.union([z.array(hook, { error: 'a list of hooks' }), hook], { error: 'a list of hook objects' });
const hooks = z.optional(z.nullable(hookList));

export const notebookInstanceLifecycleConfig = configuration({ OnCreate: hooks, OnStart: hooks });
