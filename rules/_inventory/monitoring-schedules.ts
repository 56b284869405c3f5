// SageMaker model monitoring schedules (AWS::SageMaker::MonitoringSchedule). Only the
// supported-types page lists the type as one Config records (see recordable-types.ts), so the
// pack does not ask a recorder for it: rules that evaluate it list it here, on a schedule. The
// item's configuration is the ListMonitoringSchedules summary with the DescribeMonitoringSchedule
// output merged over it.
import {
  DescribeMonitoringScheduleCommand,
  ListMonitoringSchedulesCommand,
  paginateListMonitoringSchedules,
} from '@aws-sdk/client-sagemaker';
import type { InventoryAdapter } from '../_core/inventory.js';
import { assembleItems, sagemakerOf, type Listed, type SageMakerContext } from './sagemaker.js';
import { TAG_ACTIONS } from './tags.js';

export const RESOURCE_TYPE = 'AWS::SageMaker::MonitoringSchedule';
const TAGGING_TYPE = 'sagemaker:monitoring-schedule';

const adapter: InventoryAdapter = {
  resourceType: RESOURCE_TYPE,
  actions: {
    list: ['sagemaker:ListMonitoringSchedules'],
    describe: ['sagemaker:DescribeMonitoringSchedule'],
    tags: TAG_ACTIONS,
  },
  // For doctor's check of where tags come from: the first few, one List call (cli/doctor/tag-coverage.ts).
  tagging: {
    type: TAGGING_TYPE,
    async sample(context: SageMakerContext, max: number) {
      const out = await sagemakerOf(context).send(new ListMonitoringSchedulesCommand({ MaxResults: max }));
      return (out.MonitoringScheduleSummaries ?? []).map((r) => ({
        id: r.MonitoringScheduleName ?? '',
        arn: r.MonitoringScheduleArn ?? '',
      }));
    },
  },
  async list(context: SageMakerContext) {
    const sagemaker = sagemakerOf(context);
    const listed: Listed[] = [];
    for await (const page of paginateListMonitoringSchedules({ client: sagemaker, pageSize: 100 }, {})) {
      for (const s of page.MonitoringScheduleSummaries ?? [])
        if (s.MonitoringScheduleName)
          listed.push({ id: s.MonitoringScheduleName, arn: s.MonitoringScheduleArn ?? '', summary: s });
    }
    return assembleItems(RESOURCE_TYPE, listed, context, {
      taggingType: TAGGING_TYPE,
      describe: (name) => sagemaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: name })),
    });
  },
};
export default adapter;
