// cdk-nag AwsSolutions checks, plus finding-level acknowledgements of wildcard resources that can only be
// named once cross-stack references are resolved.
import { type PolicyValidationPluginReport, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
// cdk-nag's own formatting of a resource in an AwsSolutions-IAM5 finding id (pinned cdk-nag 3.0.2; if it
// changes, the acknowledgements stop matching and synth fails, it never silently passes).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

interface WildcardResource {
  /** The resource ARN as used in the policy (may hold tokens from another stack). */
  readonly resourceArn: string;
  /** Why the wildcard is needed. */
  readonly reason: string;
}

const declaredWildcards = new WeakMap<IConstruct, WildcardResource[]>();

/**
 * Records that the IAM policies under `scope` may allow the wildcard resource `resourceArn` (for instance
 * `bucket.arnForObjects('runs/*')`), and why. At validation time this becomes an acknowledgement of exactly
 * the finding `AwsSolutions-IAM5[Resource::…]` for that ARN — never of the rule as a whole.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resourceArn: string, reason: string): void {
  if (reason.trim() === '') throw new MissingReasonError(scope.node.path, resourceArn);
  const list = declaredWildcards.get(scope) ?? [];
  list.push({ resourceArn, reason });
  declaredWildcards.set(scope, list);
}

/** An acknowledgement without a reason. */
export class MissingReasonError extends Error {
  constructor(
    /** Construct path the acknowledgement was for. */
    readonly constructPath: string,
    /** What was acknowledged. */
    readonly subject: string,
  ) {
    super(`acknowledgement of ${subject} at ${constructPath} has no reason`);
    this.name = 'MissingReasonError';
  }
}

/**
 * AwsSolutionsChecks that first turns every {@link acknowledgeWildcardResource} declaration into a
 * finding-level acknowledgement, using the resource as CloudFormation will see it (after CDK has replaced
 * cross-stack references by Fn::GetStackOutput or Fn::ImportValue).
 */
export class LandWatchNagChecks extends AwsSolutionsChecks {
  private readonly acknowledged = new Set<string>();

  override validateScope(scope: IConstruct): PolicyValidationPluginReport {
    for (const construct of scope.node.findAll()) {
      for (const wildcard of declaredWildcards.get(construct) ?? []) {
        const resource = flattenCfnReference(Stack.of(construct).resolve(wildcard.resourceArn));
        const id = `AwsSolutions-IAM5[Resource::${resource}]`;
        const key = `${construct.node.path}\u0000${id}`;
        if (this.acknowledged.has(key)) continue;
        this.acknowledged.add(key);
        Validations.of(construct).acknowledge({ id, reason: wildcard.reason });
      }
    }
    return super.validateScope(scope);
  }
}
