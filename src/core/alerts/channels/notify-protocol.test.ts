import { describe, expect, it } from 'vitest';
import { alertNotification } from './alert-notification';
import { notifyRequest, readNotifyRequest, ShownKeys } from './notify-protocol';
import { priceFiring } from './test-firing';

describe('notify protocol', () => {
  it('reads back the request it makes, and refuses anything else', () => {
    const firing = priceFiring();
    const request = notifyRequest(firing.dedupKey, alertNotification(firing, null));
    expect(readNotifyRequest(structuredClone(request))).toEqual(request);
    for (const bad of [
      null,
      'x',
      { ...request, kind: 'other' },
      { ...request, key: '' },
      { ...request, title: 'x'.repeat(1_001) },
      { ...request, options: { ...request.options, body: 3 } },
      { ...request, options: null },
    ])
      expect(readNotifyRequest(bad)).toBeNull();
  });

  it('shows a firing once per key, and forgets the oldest past capacity', async () => {
    const shown = new ShownKeys(2);
    let calls = 0;
    const show = async () => (calls++, true);
    expect(await shown.once('a', show)).toBe('shown');
    expect(await shown.once('a', show)).toBe('duplicate');
    expect(await shown.once('b', show)).toBe('shown');
    expect(await shown.once('c', show)).toBe('shown');
    expect(await shown.once('b', show)).toBe('duplicate');
    expect(await shown.once('a', show)).toBe('shown');
    expect(calls).toBe(4);
  });

  it('lets the second sender show a firing whose first attempt left no notification', async () => {
    const shown = new ShownKeys();
    let release!: (listed: boolean) => void;
    const dropped = new Promise<boolean>((r) => (release = r));
    const first = shown.once('k', () => dropped);
    // Both later senders arrive while the first is still showing: exactly one of them retries.
    const attempts: string[] = [];
    const second = shown.once('k', async () => (attempts.push('second'), true));
    const third = shown.once('k', async () => (attempts.push('third'), true));
    release(false);
    expect(await first).toBe('shown');
    expect([await second, await third].sort()).toEqual(['duplicate', 'shown']);
    expect(attempts).toHaveLength(1);
  });

  it('treats a failed first attempt like a dropped one', async () => {
    const shown = new ShownKeys();
    await expect(shown.once('k', () => Promise.reject(new Error('denied')))).rejects.toThrow('denied');
    expect(await shown.once('k', async () => true)).toBe('shown');
  });
});
