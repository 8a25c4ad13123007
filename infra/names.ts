// Physical names that both stacks agree on without a cross-stack reference. The stateful stack's county office roles
// are granted on the county alert queues that the stateless stack creates under these names, so neither stack
// depends on the other for them (the stateless stack already depends on the stateful one for the buckets).

/** The county office's own alert queue (docs/ORCHESTRATION.md, "Delivery"). */
export const countyAlertQueueName = (countyCode: string) => `landwatch-alerts-${countyCode}.fifo`;

/** The dead-letter queue of a named queue: `landwatch-alerts-431102-dlq.fifo`, `landwatch-run-events-data-dlq`. */
export const deadLetterQueueName = (queueName: string) => queueName.replace(/(\.fifo)?$/, '-dlq$1');

/**
 * IAM pattern of a survey year in a key: exactly four characters. `*` would also match `/`, so
 * `verification/*\/431102/*` lets county 431102 write `verification/2024/431103/431102/x.csv` — a key inside another
 * county's folder. `????` keeps each county to the keys whose third segment is its own code.
 */
export const SURVEY_YEAR_PATTERN = '????';
