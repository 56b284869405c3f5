// AWS::SageMaker::NotebookInstance and its lifecycle configuration: the fields the notebook rules read.
import * as v from 'valibot';
import { configuration, plainObject, str } from './fields.js';

export const notebookInstance = configuration({
  DirectInternetAccess: str(),
  RootAccess: str(),
  SubnetId: str(),
  KmsKeyId: str(),
  PlatformIdentifier: str(),
});

const A_HOOK = 'a hook object ({"Content": ...})';
const hook = plainObject(v.looseObject({ Content: str() }, A_HOOK), A_HOOK);
// A list of hooks; a single hook object is read as a list of one.
const hookList = v.union([v.array(hook, 'a list of hooks'), hook], 'a list of hook objects');
const hooks = v.optional(v.nullable(hookList));

export const notebookInstanceLifecycleConfig = configuration({ OnCreate: hooks, OnStart: hooks });
