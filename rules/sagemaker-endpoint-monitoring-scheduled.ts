import { shown } from './_core/checks.js';
import { defineRule, compliant, nonCompliant, notApplicable } from './_core/rule.js';
import type { JsonObject } from './_core/items.js';

// An InService endpoint runs its variants' current configuration: DesiredServerlessConfig differs
// from it only while an update is in progress (EndpointStatus Updating, NOT_APPLICABLE already).
const serverless = (v: JsonObject) => v.CurrentServerlessConfig != null;

export default defineRule({
  id: 'sagemaker-endpoint-monitoring-scheduled',
  description:
    'InService SageMaker endpoints (listed through the SageMaker API) have at least one Model Monitor schedule in status Scheduled. Endpoints not InService, and serverless ones (no Model Monitor support), are NOT_APPLICABLE.',
  controls: [],
  // No Security Hub control; Low, as an observability control.
  severity: 'low',
  rationale:
    'A model in production drifts as the world changes: the data it sees moves away from its training data, and its quality falls without an error anywhere. A Model Monitor schedule compares captured traffic with a baseline every hour or day and raises violations before users notice.',
  manualRemediation:
    "Create a monitoring schedule for the endpoint: in SageMaker Studio (the endpoint's Data quality or Model quality tab), with `aws sagemaker create-monitoring-schedule --monitoring-schedule-name NAME --monitoring-schedule-config ...` naming the endpoint and a job definition, or in CloudFormation (`AWS::SageMaker::MonitoringSchedule`). The endpoint needs data capture (see sagemaker-endpoint-config-data-capture) and a baseline from the training data. A stopped schedule is restarted with `aws sagemaker start-monitoring-schedule`.",
  resourceTypes: ['AWS::SageMaker::Endpoint'],
  reads: ['describe', 'monitoringSchedules'],
  // Of the Describe output, evaluate reads only the variants (EndpointStatus is the listing's).
  describeFields: ['ProductionVariants'],
  trigger: { periodic: 'TwentyFour_Hours' },
  source: 'inventory',
  parameters: {},
  evaluate: ({ configuration }) => {
    if (configuration.EndpointStatus !== 'InService')
      return notApplicable(`EndpointStatus is ${shown(configuration.EndpointStatus)}`);
    const variants = configuration.ProductionVariants;
    if (Array.isArray(variants) && variants.length > 0 && variants.every(serverless))
      return notApplicable('every production variant is serverless (no Model Monitor)');
    // The endpoint adapter attaches the ListMonitoringSchedules summaries that target this endpoint.
    const listed = configuration.MonitoringSchedules;
    const schedules: JsonObject[] = Array.isArray(listed) ? listed : [];
    if (schedules.some((s) => s.MonitoringScheduleStatus === 'Scheduled')) return compliant();
    if (schedules.length === 0)
      return nonCompliant(
        `MonitoringSchedules is ${listed == null ? 'unset' : 'empty'}: no monitoring schedule targets this endpoint`,
      );
    const found = schedules
      .map((s) => `${shown(s.MonitoringScheduleName)}: ${shown(s.MonitoringScheduleStatus)}`)
      .join(', ');
    return nonCompliant(`no MonitoringSchedules entry is Scheduled (${found})`);
  },
});
