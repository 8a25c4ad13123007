// County offices answer only for their own county: the synthesized templates give each county role PutObject on
// verification/*/{its code}/* and nothing else writable, read access to its own register, and listing limited to
// those prefixes; verify-answers and finalize get exactly the keys they touch.
import { beforeAll, describe, expect, it } from 'vitest';
import { asList, resourcesOfType, synthLandWatch, TEST_COUNTY_CODES, type SynthesizedLandWatch } from '../../infra/test/synth-landwatch.ts';

let synth: SynthesizedLandWatch;
beforeAll(() => {
  synth = synthLandWatch({ verification: true });
});

/** Every statement of every policy (inline or attached) of the county role, as readable lines. */
function countyRoleStatements(code: string): string[] {
  const t = synth.statefulTemplate;
  const [roleId, role] = resourcesOfType(t, 'AWS::IAM::Role').find(([id]) => id.includes(`County${code}Reader`))!;
  const inline = asList<any>(role.Properties!.Policies).flatMap((p) => p.PolicyDocument.Statement);
  const attached = resourcesOfType(t, 'AWS::IAM::Policy')
    .filter(([, p]) => asList(p.Properties!.Roles).some((r: any) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties!.PolicyDocument.Statement as any[]);
  return [...inline, ...attached]
    .flatMap((s) =>
      asList<string>(s.Action).flatMap((a) =>
        asList(s.Resource).map((r) => `${s.Effect} ${a} ${synth.describe(r)}${s.Condition ? ` if ${JSON.stringify(s.Condition.StringLike['s3:prefix'])}` : ''}`),
      ),
    )
    .sort();
}

describe('county office roles (synthesized template)', () => {
  for (const code of TEST_COUNTY_CODES) {
    it(`county ${code} writes only its own answer prefix and reads only its own results and register`, () => {
      expect(countyRoleStatements(code)).toEqual(
        [
          `Allow s3:GetObject results-bucket/register/${code}/*`,
          `Allow s3:GetObject results-bucket/results/*/${code}/*`,
          `Allow s3:ListBucket results-bucket if ${JSON.stringify([`results/*/${code}/*`])}`,
          `Allow s3:ListBucket results-bucket if ${JSON.stringify([`verification/*/${code}/*`, `register/${code}/*`])}`,
          `Allow s3:PutObject results-bucket/verification/*/${code}/*`,
        ].sort(),
      );
    });
  }
});

describe('verify-answers', () => {
  it('is notified of .csv files under verification/ in the results bucket', () => {
    const notifications = resourcesOfType(synth.statelessTemplate, 'Custom::S3BucketNotifications').map(([, r]) => r.Properties!.NotificationConfiguration.QueueConfigurations[0]);
    const rules = notifications.map((q: any) => ({ queue: synth.describe(q.QueueArn), filter: q.Filter.Key.FilterRules.map((f: any) => `${f.Name}=${f.Value}`).sort() }));
    expect(rules.find((r) => r.queue.includes('verify-answers') || r.queue.includes('VerifyAnswers'))!.filter).toEqual(['prefix=verification/', 'suffix=.csv']);
  });
});
