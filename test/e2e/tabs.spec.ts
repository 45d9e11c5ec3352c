import { expect, test } from '@playwright/test';
import { MockExchange } from '../mock-exchange/server';
import { binanceTape, expectStoredEqualsReference, openConfirmedLink } from './helpers';

test('two tabs share one connection set and one chart; closing the leader hands over', async ({ context }) => {
  const mock = await MockExchange.start();
  try {
    const first = await context.newPage();
    await openConfirmedLink(first, `/?feed=live&${mock.appQuery()}`);
    await expect(first.getByTestId('source')).toHaveAttribute('data-role', 'leader');
    const second = await context.newPage();
    await second.goto('/');
    await expect(second.getByTestId('source')).toHaveAttribute('data-role', 'follower');
    await expect(first.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');

    const tape = binanceTape(31, 12);
    const half = Math.floor(tape.length / 2);
    mock.tape.play(tape.slice(0, half), { tradesPerSec: 300 });
    await mock.tape.done();
    // One connection for the whole browser, and both tabs show the same (now settled) bar.
    expect(mock.binance.openConnections).toBe(1);
    const legend = (p: typeof first) => p.getByTestId('legend').locator('[data-field=trades]');
    await expect
      .poll(async () => (await legend(second).textContent()) === (await legend(first).textContent()))
      .toBe(true);

    await first.close();
    // Trading goes on while the tabs hand over: what the new leader missed is its handover gap.
    mock.tape.play(tape.slice(half), { tradesPerSec: 150, keepTimeline: true });
    await expect(second.getByTestId('source')).toHaveAttribute('data-role', 'leader', { timeout: 10_000 });
    await expect.poll(() => mock.binance.connectionsOpened).toBe(2);
    await expect(second.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
    expect(mock.binance.openConnections).toBe(1);
    await mock.tape.done();
    // The new leader resumed from IndexedDB and backfilled the handover gap: nothing lost.
    await expectStoredEqualsReference(second, mock.tape.emitted);
  } finally {
    await mock.stop();
  }
});
