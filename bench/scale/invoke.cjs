// One invocation of a rule's Lambda bundle, as the Node.js runtime makes it: require index.js,
// call exports.handler(event, context) once, in a process of its own (started by bench/scale.ts
// with the runtime's heap flags). What the process saw is written to the result file: the
// handler's answer or its error, and its own peak RSS (the parent also polls it, since a process
// that runs out of heap never gets here).
//   node <flags> invoke.cjs <bundle index.js> <event.json> <result.json>
const { readFileSync, writeFileSync } = require('node:fs');
const v8 = require('node:v8');

const [bundle, eventFile, resultFile] = process.argv.slice(2);
const started = process.hrtime.bigint();
const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;

function finish(outcome) {
  writeFileSync(
    resultFile,
    JSON.stringify({
      ...outcome,
      ms: elapsedMs(),
      maxRssKb: process.resourceUsage().maxRSS,
      // CPU the function used (user + system), which a 512 MB function gets only a share of.
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      heapLimitMb: v8.getHeapStatistics().heap_size_limit / 2 ** 20,
    }),
  );
}

const { handler } = require(bundle);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const name = process.env.AWS_LAMBDA_FUNCTION_NAME;
const memory = Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
const context = {
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:${event.accountId}:function:${name}`,
  memoryLimitInMB: String(memory),
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  // Periodic functions get 900 s (deploy/rule-pack.ts); `--link-s` sets less, to chain a run sooner.
  getRemainingTimeInMillis: () => Math.max(0, Number(process.env.BENCH_TIMEOUT_MS ?? 900_000) - elapsedMs()),
};
Promise.resolve()
  .then(() => handler(event, context))
  .then(
    (result) => finish({ result }),
    (error) => {
      finish({ error: `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}` });
      process.exitCode = 1;
    },
  );
