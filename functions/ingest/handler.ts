// Placeholder so that infra/ can synthesize; replaced by the real handler (DESIGN §9).
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

export const handler = async (_event: SQSEvent): Promise<SQSBatchResponse> => ({ batchItemFailures: [] });
