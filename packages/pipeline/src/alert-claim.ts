// Exactly one alert per county per run (docs/ORCHESTRATION.md, "The alert claim"). Before a county's alert is sent,
// its claim `alert-claims/{runId}/{countyCode}.json` is written with a conditional put (S3 `If-None-Match: *`): of
// two finalizes racing for the same county, one wins the claim and sends; after the send the claim is marked sent.
// A retry that finds a sent claim sends nothing. A retry that finds a claim without the mark (the sender crashed
// between claim and send, or between send and mark) sends again with the same alertBatchId as FIFO deduplication
// id: Step Functions retries within a minute, well inside SQS FIFO's 5-minute deduplication window, so the queue
// keeps one message; never sending again could lose the alert for good.
import type { CountyAlert } from '@landwatch/core';
import type { RunPort } from './run-port.ts';
import { runKeys } from './run-protocol.ts';

/** The claim document: who claimed, and whether the send is known to have happened. */
interface AlertClaim {
  alertBatchId: string;
  claimedAt: string;
  /** set after the send returned */
  messageId?: string;
  sentAt?: string;
}

const encode = (claim: AlertClaim) => new TextEncoder().encode(JSON.stringify(claim));

/** What happened to a county's alert: sent now, or already sent by an earlier attempt. */
export type AlertSendOutcome = 'sent' | 'already-sent';

export async function sendAlertOnce(port: RunPort, alert: CountyAlert): Promise<AlertSendOutcome> {
  const key = runKeys.alertClaim(alert.runId, alert.county.code);
  const claimed = await port.claim({ key, bytes: encode({ alertBatchId: alert.alertBatchId, claimedAt: new Date().toISOString() }), contentType: 'application/json' });
  if (!claimed) {
    const existing = await port.get(key);
    const claim = existing ? (JSON.parse(new TextDecoder().decode(existing)) as AlertClaim) : undefined;
    if (claim?.sentAt) return 'already-sent';
  }
  const messageId = await port.sendAlert(alert);
  await port.put({
    key,
    bytes: encode({ alertBatchId: alert.alertBatchId, claimedAt: new Date().toISOString(), messageId, sentAt: new Date().toISOString() }),
    contentType: 'application/json',
  });
  return 'sent';
}
