// Least-privilege S3 grants on exact key patterns (instead of Bucket.grantRead/grantWrite, which add s3:*Object*).
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { acknowledgeWildcardResource } from '../nag-checks.ts';

/** Actions that read an object: GET (with ranges), HEAD, and presigning a GET link. */
export const OBJECT_READ_ACTIONS: readonly string[] = ['s3:GetObject'];
/** Actions that write an object, including multipart uploads and aborting one that failed. */
export const OBJECT_WRITE_ACTIONS: readonly string[] = ['s3:PutObject', 's3:AbortMultipartUpload'];

export interface ObjectAccess {
  /** IAM key pattern, e.g. `runs/*`; `*` only where any key may be touched. */
  readonly keys: string;
  /** Allow reading the objects. */
  readonly read?: boolean;
  /** Allow writing the objects. */
  readonly write?: boolean;
  /** Allow reading a given version of the objects (s3:GetObjectVersion; a run pinned to the upload's VersionId). */
  readonly versions?: boolean;
  /** Why the function touches these keys; becomes the cdk-nag acknowledgement of the wildcard. */
  readonly why: string;
}

/** Adds one statement for `access` to the role's policy and acknowledges its key wildcard with `why`. */
export function grantObjectAccess(role: Role, bucket: IBucket, access: ObjectAccess): void {
  const actions = [
    ...(access.read ? OBJECT_READ_ACTIONS : []),
    ...(access.read && access.versions ? ['s3:GetObjectVersion'] : []),
    ...(access.write ? OBJECT_WRITE_ACTIONS : []),
  ];
  if (actions.length === 0) throw new EmptyGrantError(role.node.path, access.keys);
  const resource = bucket.arnForObjects(access.keys);
  role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [resource] }));
  if (access.keys.includes('*')) {
    acknowledgeWildcardResource(role, resource, `Key pattern ${access.keys} is by design: ${access.why}`);
  }
}

/**
 * Allows listing the bucket's keys. Needed for honest existence checks: without s3:ListBucket, S3 answers
 * GET/HEAD on a missing key with 403 instead of 404, so an idempotency check could not tell "not written yet"
 * from "denied".
 */
export function grantKeyListing(role: Role, bucket: IBucket): void {
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
}

/** A grant that would allow nothing. */
export class EmptyGrantError extends Error {
  constructor(
    /** The role's construct path. */
    readonly rolePath: string,
    /** The key pattern of the grant. */
    readonly keys: string,
  ) {
    super(`grant on ${keys} for ${rolePath} allows neither read nor write`);
    this.name = 'EmptyGrantError';
  }
}
