// A loopback proxy in front of the local AWS emulator (moto) for the tracking end-to-end test
// (test/integration/tracking.test.ts). Every request goes on to moto, and every AWS Config request
// is recorded, PutResourceConfig and DeleteResourceConfig among them. The proxy fills in what moto
// 5.2 lacks for the capture function, and only that:
//
// - Config's read-back of third-party resources. moto accepts PutResourceConfig and
//   DeleteResourceConfig but never returns a custom type's items (GetResourceConfigHistory answers
//   ResourceNotDiscoveredException, ListDiscoveredResources an empty list). Config keeps them and
//   serves them through both APIs
//   (https://docs.aws.amazon.com/config/latest/developerguide/customresources.html,
//   https://docs.aws.amazon.com/config/latest/developerguide/view-custom-resource-type-cli.html),
//   so for a type outside the AWS namespace the proxy answers both from the puts and deletes moto
//   accepted: items newest first (GetResourceConfigHistory's default order), at most `limit`
//   (https://docs.aws.amazon.com/config/latest/APIReference/API_GetResourceConfigHistory.html;
//   the time window and paging are not served: the capture asks for the newest item only),
//   a deletion recorded as an item with status ResourceDeleted
//   (https://docs.aws.amazon.com/config/latest/APIReference/API_DeleteResourceConfig.html), and
//   deleted resources left out of the listing unless includeDeletedResources is set
//   (https://docs.aws.amazon.com/config/latest/APIReference/API_ListDiscoveredResources.html).
//   The item's fields are those the developer guide's example shows.
// - A training job's life. moto completes a training job at once, has no status transitions and
//   no DeleteTrainingJob. For the one job named in `scriptTrainingJob`, DescribeTrainingJob is
//   moto's own answer with TrainingJobStatus, SecondaryStatus and TrainingEndTime set for the
//   step (InProgress: Training and no end time; Completed: Completed and the time the step was
//   set), and once the step is Deleted SageMaker's answer for a job that does not exist:
//   ValidationException "Requested resource not found." (the API reference names
//   ResourceNotFound; the service answers ValidationException,
//   https://github.com/aws/aws-sdk/issues/165).
// - A training job's Environment. moto's CreateTrainingJob drops it, so DescribeTrainingJob never
//   returns it. SageMaker does
//   (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html): the
//   proxy keeps the Environment of each CreateTrainingJob it forwards and puts it back into that
//   job's DescribeTrainingJob answer, so the secrets planted there reach the capture.
// - ListMonitoringSchedules, when moto does not serve it (it answers HTTP 500 with an HTML page):
//   an empty list, as SageMaker answers for an endpoint without schedules.
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TrainingJobStep = 'InProgress' | 'Completed' | 'Deleted';

export interface ConfigRequest {
  /** The Config operation (X-Amz-Target StarlingDoveService.<operation>). */
  operation: string;
  /** The request body as sent. */
  text: string;
  body: any;
}

/** A configuration item as Config serves a third-party resource's (the JSON 1.1 wire form). */
export interface StoredItem {
  version: '1.3';
  accountId: string;
  configurationItemCaptureTime: number;
  configurationItemStatus: 'ResourceDiscovered' | 'OK' | 'ResourceDeleted';
  configurationStateId: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  awsRegion: string;
  configuration?: string;
  supplementaryConfiguration: Record<string, string>;
  tags: Record<string, string>;
}

export interface TrackingProxy {
  url: string;
  /** Every Config request, in the order received. */
  configRequests: ConfigRequest[];
  /** The PutResourceConfig and DeleteResourceConfig requests moto accepted, in order. */
  writes(): ConfigRequest[];
  /** Config's items of one third-party resource, oldest first. */
  history(resourceType: string, resourceId: string): StoredItem[];
  /** Script DescribeTrainingJob of one job from now on. */
  scriptTrainingJob(name: string, step: TrainingJobStep): void;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const JSON_TYPE = { 'content-type': 'application/x-amz-json-1.1' };
const ACCOUNT = '123456789012';

const readAll = (stream: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

const json = (status: number, body: unknown): Answer => ({
  status,
  headers: JSON_TYPE,
  body: Buffer.from(JSON.stringify(body)),
});

/** Types in the AWS namespace are Config's own; any other is a third-party type. */
const isThirdParty = (type: unknown) => typeof type === 'string' && !type.startsWith('AWS::');

/** The Region a SigV4 request was signed for (Credential=<key>/<date>/<region>/<service>/aws4_request). */
const signedRegion = (headers: IncomingHttpHeaders) =>
  /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(String(headers.authorization ?? ''))?.[1] ?? 'us-east-1';

export async function startTrackingProxy(target: string): Promise<TrackingProxy> {
  const upstream = new URL(target);
  const configRequests: ConfigRequest[] = [];
  const writes: ConfigRequest[] = [];
  const items = new Map<string, StoredItem[]>();
  const environments = new Map<string, unknown>();
  let script: { name: string; step: TrainingJobStep; since: number } | undefined;

  const forward = (req: IncomingMessage, payload: Buffer) =>
    new Promise<Answer>((resolve, reject) => {
      const call = request({
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, 'content-length': String(payload.length) },
      });
      call.on('response', async (answer) =>
        resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: await readAll(answer) }),
      );
      call.on('error', reject);
      call.end(payload);
    });

  const keyOf = (type: string, id: string) => `${type} ${id}`;

  function store(req: IncomingMessage, operation: string, body: any) {
    const key = keyOf(body.ResourceType, body.ResourceId);
    const history = items.get(key) ?? [];
    const now = Date.now();
    const live = history.length > 0 && history.at(-1)!.configurationItemStatus !== 'ResourceDeleted';
    const put = operation === 'PutResourceConfig';
    history.push({
      version: '1.3',
      accountId: ACCOUNT,
      configurationItemCaptureTime: now / 1000,
      configurationItemStatus: put ? (live ? 'OK' : 'ResourceDiscovered') : 'ResourceDeleted',
      configurationStateId: String(now),
      resourceType: body.ResourceType,
      resourceId: body.ResourceId,
      ...(put && body.ResourceName ? { resourceName: body.ResourceName } : {}),
      awsRegion: signedRegion(req.headers),
      ...(put ? { configuration: body.Configuration } : {}),
      supplementaryConfiguration: {},
      tags: put ? (body.Tags ?? {}) : {},
    });
    items.set(key, history);
  }

  /** Config's read-back of a third-party type, or undefined to let moto answer. */
  function configRead(operation: string, body: any): Answer | undefined {
    if (operation === 'GetResourceConfigHistory' && isThirdParty(body.resourceType)) {
      const history = items.get(keyOf(body.resourceType, body.resourceId)) ?? [];
      if (history.length === 0)
        return json(400, {
          __type: 'ResourceNotDiscoveredException',
          message: `Resource ${body.resourceId} of resourceType:${body.resourceType} is unknown or has not been discovered`,
        });
      const ordered = body.chronologicalOrder === 'Forward' ? [...history] : [...history].reverse();
      return json(200, { configurationItems: ordered.slice(0, body.limit || 10) });
    }
    if (operation === 'ListDiscoveredResources' && isThirdParty(body.resourceType)) {
      const resourceIdentifiers = [...items.values()]
        .map((history) => history.at(-1)!)
        .filter((item) => item.resourceType === body.resourceType)
        .filter((item) => body.includeDeletedResources || item.configurationItemStatus !== 'ResourceDeleted')
        .filter((item) => !body.resourceIds || body.resourceIds.includes(item.resourceId))
        .map((item) => ({
          resourceType: item.resourceType,
          resourceId: item.resourceId,
          ...(item.resourceName ? { resourceName: item.resourceName } : {}),
        }));
      return json(200, { resourceIdentifiers });
    }
    return undefined;
  }

  /** SageMaker's answer where moto's falls short, or undefined to pass moto's on. */
  async function sagemakerCall(req: IncomingMessage, operation: string, payload: Buffer): Promise<Answer | undefined> {
    const body = payload.length > 0 ? JSON.parse(payload.toString()) : {};
    if (operation === 'CreateTrainingJob' && body.Environment) environments.set(body.TrainingJobName, body.Environment);
    if (operation === 'DescribeTrainingJob') {
      const name = body.TrainingJobName;
      const scripted = script?.name === name ? script : undefined;
      if (scripted?.step === 'Deleted')
        return json(400, { __type: 'ValidationException', message: 'Requested resource not found.' });
      const answer = await forward(req, payload);
      if (answer.status !== 200) return answer;
      const job = JSON.parse(answer.body.toString());
      if (environments.has(name) && job.Environment === undefined) job.Environment = environments.get(name);
      if (scripted) {
        job.TrainingJobStatus = scripted.step;
        job.SecondaryStatus = scripted.step === 'InProgress' ? 'Training' : scripted.step;
        if (scripted.step === 'InProgress') delete job.TrainingEndTime;
        else job.TrainingEndTime = scripted.since;
      }
      return json(200, job);
    }
    if (operation === 'ListMonitoringSchedules') {
      const answer = await forward(req, payload);
      const served = answer.status === 200 && /json/.test(String(answer.headers['content-type']));
      return served ? answer : json(200, { MonitoringScheduleSummaries: [] });
    }
    return undefined;
  }

  const server: Server = createServer(async (req, res) => {
    try {
      const payload = await readAll(req);
      const [service = '', operation = ''] = String(req.headers['x-amz-target'] ?? '').split('.');
      let answer: Answer | undefined;
      if (service === 'StarlingDoveService') {
        const text = payload.toString();
        const body = text ? JSON.parse(text) : {};
        configRequests.push({ operation, text, body });
        answer = configRead(operation, body);
        if (!answer && (operation === 'PutResourceConfig' || operation === 'DeleteResourceConfig')) {
          answer = await forward(req, payload);
          if (answer.status === 200) {
            writes.push({ operation, text, body });
            store(req, operation, body);
          }
        }
      } else if (service === 'SageMaker') answer = await sagemakerCall(req, operation, payload);
      answer ??= await forward(req, payload);
      const {
        'content-length': _length,
        'transfer-encoding': _encoding,
        connection: _connection,
        ...headers
      } = answer.headers;
      res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
      res.end(answer.body);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    configRequests,
    writes: () => [...writes],
    history: (type, id) => [...(items.get(keyOf(type, id)) ?? [])],
    scriptTrainingJob(name, step) {
      // Epoch seconds, as the JSON protocol carries a timestamp.
      // Epoch seconds with their fraction, as the JSON protocol carries timestamps (and moto its CreationTime).
      script = { name, step, since: Date.now() / 1000 };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
