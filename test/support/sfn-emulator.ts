// A Step Functions endpoint on loopback, just enough for our code paths: StartExecution (ingest), DescribeExecution,
// ListExecutions and RedriveExecution (`landwatch aws status|redrive`). There is no Step Functions emulator on npm that
// runs here; this one keeps the execution records and hands each new execution to `run` (the local runner executes
// the synthesized definition with aws-local-stepfunctions). Names behave as on AWS for Standard workflows: a second
// StartExecution with the name of an existing execution is refused with ExecutionAlreadyExists (AWS answers the same
// execution instead when the input is identical and it is still running: either way, no second run).
import { createServer, type Server } from 'node:http';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount: number;
  /** settles when the execution stops */
  done: Promise<void>;
}

/** Runs one execution; resolves with its output, rejects with its error (name = the ASL error). */
export type RunExecution = (input: unknown, execution: Execution) => Promise<unknown>;

export interface SfnEmulator {
  endpoint: string;
  executions: Map<string, Execution>;
  /** Every execution stopped (including ones started while waiting). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startSfnEmulator(run: RunExecution, region = 'us-east-1'): Promise<SfnEmulator> {
  const executions = new Map<string, Execution>();
  const start = (execution: Execution) => {
    execution.status = 'RUNNING';
    execution.done = run(JSON.parse(execution.input), execution).then(
      (output) => Object.assign(execution, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null), stopDate: new Date() }),
      (err: Error & { cause?: unknown }) =>
        Object.assign(execution, { status: 'FAILED', error: err.name, cause: String(err.message ?? err), stopDate: new Date() }),
    ).then(() => undefined);
  };
  const actions: Record<string, (body: any) => unknown> = {
    StartExecution(body: { stateMachineArn: string; name: string; input?: string }) {
      const executionArn = `${body.stateMachineArn.replace(':stateMachine:', ':execution:')}:${body.name}`;
      if (executions.has(executionArn)) throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      const execution = { executionArn, stateMachineArn: body.stateMachineArn, name: body.name, input: body.input ?? '{}', startDate: new Date(), redriveCount: 0 } as Execution;
      executions.set(executionArn, execution);
      start(execution);
      return { executionArn, startDate: execution.startDate.getTime() / 1000 };
    },
    DescribeExecution(body: { executionArn: string }) {
      const e = executions.get(body.executionArn);
      if (!e) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${body.executionArn}'`);
      return describe(e);
    },
    ListExecutions(body: { stateMachineArn: string; statusFilter?: ExecutionStatus }) {
      const list = [...executions.values()].filter((e) => e.stateMachineArn === body.stateMachineArn && (!body.statusFilter || e.status === body.statusFilter));
      return { executions: list.map(describe) };
    },
    RedriveExecution(body: { executionArn: string }) {
      const e = executions.get(body.executionArn);
      if (!e) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${body.executionArn}'`);
      if (e.status === 'RUNNING' || e.status === 'SUCCEEDED') throw new SfnError('ExecutionNotRedrivable', `Execution is ${e.status}`);
      // AWS redrives from the failed state on; the definition's stages are idempotent, so running it again from the
      // start does the same work here (done tiles are skipped by the tile stage, sent alerts by their claims)
      e.redriveCount++;
      delete e.error;
      delete e.cause;
      start(e);
      return { redriveDate: Date.now() / 1000 };
    },
  };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const action = String(req.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      try {
        const handler = actions[action];
        if (!handler) throw new SfnError('UnknownOperationException', `not emulated: ${action}`);
        res.end(JSON.stringify(handler(JSON.parse(text || '{}'))));
      } catch (err) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: (err as SfnError).type ?? 'InternalFailure', message: (err as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  void region;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    executions,
    async settled() {
      for (;;) {
        const running = [...executions.values()].filter((e) => e.status === 'RUNNING');
        if (running.length === 0) return;
        await Promise.all(running.map((e) => e.done));
      }
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function describe(e: Execution) {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: e.startDate.getTime() / 1000,
    ...(e.stopDate ? { stopDate: e.stopDate.getTime() / 1000 } : {}),
    input: e.input,
    ...(e.output ? { output: e.output } : {}),
    ...(e.error ? { error: e.error, cause: e.cause } : {}),
    redriveCount: e.redriveCount,
  };
}
