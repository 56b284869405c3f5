// Inventory adapters by resource type, loaded on demand. A rule's Lambda bundle imports only
// the loaders of its own types (see scripts/build.ts); the command uses this whole map.
import type { InventoryLoaders } from '../_core/config-sources.js';

export const inventoryLoaders: InventoryLoaders = {
  'AWS::SageMaker::Endpoint': () => import('./endpoints.js').then((m) => m.default),
  'AWS::SageMaker::TrainingJob': () => import('./training-jobs.js').then((m) => m.default),
  'AWS::SageMaker::NotebookInstance': () => import('./notebook-instances.js').then((m) => m.default),
  'AWS::SageMaker::Pipeline': () => import('./pipelines.js').then((m) => m.default),
  'AWS::SageMaker::ModelPackageGroup': () => import('./model-package-groups.js').then((m) => m.default),
};

/** Module path (relative to rules/_inventory) of each adapter, for the per-rule bundle entries. */
export const inventoryModules: Record<string, string> = {
  'AWS::SageMaker::Endpoint': './endpoints.js',
  'AWS::SageMaker::TrainingJob': './training-jobs.js',
  'AWS::SageMaker::NotebookInstance': './notebook-instances.js',
  'AWS::SageMaker::Pipeline': './pipelines.js',
  'AWS::SageMaker::ModelPackageGroup': './model-package-groups.js',
};
