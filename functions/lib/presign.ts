// Presigned GET links whose stated expiry is the real one (docs/ARCHITECTURE.md, "The county alert").
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** SigV4 query signatures live at most 7 days. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

/** A presigned link and the instant it stops working. */
export interface PresignedLink {
  url: string;
  /** ISO 8601, UTC, whole seconds: min(requested expiry, credential expiry, 7 days). */
  expiresAt: string;
}

/** The credentials will have expired before a link could be signed. */
export class CredentialsExpiredError extends Error {
  override readonly name = 'CredentialsExpiredError';
}

/**
 * Presigns a GET of s3://bucket/key. A presigned URL stops working when the credentials that signed it expire:
 * with a Lambda role's session credentials that is hours away, whatever was asked for. So the expiry is clamped
 * to the signing credentials' `expiration` (read from the client's own provider, hence the same credentials the
 * signer uses) and the URL is signed for exactly that long.
 */
export async function presignGet(client: S3Client, bucket: string, key: string, requestedSeconds: number, now: Date = new Date()): Promise<PresignedLink> {
  if (!Number.isFinite(requestedSeconds) || requestedSeconds < 1) {
    throw new RangeError(`requested link lifetime must be at least 1 second, got ${requestedSeconds}`);
  }
  const signingDate = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const credentials = await client.config.credentials();
  let seconds = Math.min(Math.floor(requestedSeconds), MAX_PRESIGN_SECONDS);
  if (credentials.expiration) {
    const credentialSeconds = Math.floor((credentials.expiration.getTime() - signingDate.getTime()) / 1000);
    if (credentialSeconds < 1) {
      throw new CredentialsExpiredError(`credentials expired at ${credentials.expiration.toISOString()}; cannot presign s3://${bucket}/${key}`);
    }
    seconds = Math.min(seconds, credentialSeconds);
  }
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: seconds, signingDate });
  return { url, expiresAt: new Date(signingDate.getTime() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}
