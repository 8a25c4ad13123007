import { describe, expect, it } from 'vitest';
import { s3EventNotification, s3TestEvent } from '../../test/support/s3-notifications.ts';
import { MalformedMessageError, UnsupportedEventError } from './errors.ts';
import { createdObjectsOf, decodeS3EventKey, encodeS3EventKey } from './s3-event.ts';

describe('createdObjectsOf', () => {
  it('decodes keys the way S3 encodes them and strips ETag quotes', () => {
    const key = 'changes/2024/湖南 零陵区+(v2).fgb';
    const body = s3EventNotification({ bucket: 'landwatch-uploads', key, etag: '"9b2cf535f27731c974343645a3985328"', size: 1234 });
    expect(JSON.parse(body).Records[0].s3.object.key).toBe('changes/2024/%E6%B9%96%E5%8D%97+%E9%9B%B6%E9%99%B5%E5%8C%BA%2B(v2).fgb');
    expect(createdObjectsOf(body, 'm1')).toEqual([
      expect.objectContaining({ bucket: 'landwatch-uploads', key, etag: '9b2cf535f27731c974343645a3985328', size: 1234, eventName: 'ObjectCreated:Put' }),
    ]);
  });

  it('round-trips awkward keys', () => {
    for (const key of ['a b/c+d.fgb', '百分比%20.fgb', "it's (1).fgb", 'x/y/z~!*.fgb']) {
      expect(decodeS3EventKey(encodeS3EventKey(key))).toBe(key);
    }
  });

  it('drops test events and non-create events; refuses garbage', () => {
    expect(() => createdObjectsOf(s3TestEvent('landwatch-uploads'), 'm')).toThrow(UnsupportedEventError);
    const removed = s3EventNotification({ bucket: 'b', key: 'k', etag: 'e', size: 1, eventName: 'ObjectRemoved:Delete' });
    expect(() => createdObjectsOf(removed, 'm')).toThrow(/ObjectRemoved:Delete/);
    expect(() => createdObjectsOf('nope', 'm')).toThrow(MalformedMessageError);
    expect(() => createdObjectsOf('{"Records":[{"eventName":"ObjectCreated:Put","s3":{}}]}', 'm')).toThrow(MalformedMessageError);
  });
});
