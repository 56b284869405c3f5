// Inventory adapters by resource type, loaded on demand. A rule's Lambda bundle imports only
// the modules of its own types (see scripts/build.ts); the command uses the whole map.
import type { InventoryLoaders } from '../_core/config-sources.js';
import type { InventoryAdapter } from '../_core/inventory.js';

type Entry = { module: string; load: () => Promise<{ default: InventoryAdapter }> };

// One row per type. The import stays a literal beside its path: bundlers and the test runner
// follow only literal imports (a computed specifier escapes the test runner's module graph).
const ADAPTERS: Readonly<Record<string, Entry>> = {
  'AWS::SageMaker::Endpoint': { module: './endpoints.js', load: () => import('./endpoints.js') },
  'AWS::SageMaker::TrainingJob': { module: './training-jobs.js', load: () => import('./training-jobs.js') },
  'AWS::SageMaker::NotebookInstance': {
    module: './notebook-instances.js',
    load: () => import('./notebook-instances.js'),
  },
  'AWS::SageMaker::Pipeline': { module: './pipelines.js', load: () => import('./pipelines.js') },
  'AWS::SageMaker::MonitoringSchedule': {
    module: './monitoring-schedules.js',
    load: () => import('./monitoring-schedules.js'),
  },
  'AWS::SageMaker::ModelPackageGroup': {
    module: './model-package-groups.js',
    load: () => import('./model-package-groups.js'),
  },
};

const byType = <T>(pick: (entry: Entry) => T): Record<string, T> =>
  Object.fromEntries(Object.entries(ADAPTERS).map(([type, entry]) => [type, pick(entry)]));

/** Each type's adapter, loaded on first use. */
export const inventoryLoaders: InventoryLoaders = byType((e) => () => e.load().then((m) => m.default));

/** Module path (relative to rules/_inventory) of each adapter, for the per-rule bundle entries. */
export const inventoryModules: Readonly<Record<string, string>> = byType((e) => e.module);
