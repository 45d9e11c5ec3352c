import { expect, test } from './fixtures';
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

test("a follower tab computes the leader's indicators from the relayed bars and shows the same legend values", async ({
  context,
}) => {
  const leader = await context.newPage();
  await leader.goto('/?feed=demo');
  await expect(leader.getByTestId('source')).toHaveAttribute('data-role', 'leader');
  await leader.keyboard.press('i');
  const dialog = leader.getByTestId('indicators-dialog');
  await dialog.getByTestId('indicator-search').fill('rsi');
  await dialog.locator('[data-indicator=rsi] button').click();
  await leader.keyboard.press('Escape');
  const value = (p: typeof leader) =>
    p
      .locator('[data-testid=indicator-legend]', { hasText: /\bRSI\b/ })
      .locator('[data-output]')
      .first()
      .getAttribute('data-value');
  await expect.poll(() => value(leader), { timeout: 20_000 }).toMatch(/\d/);
  // The desk on screen (with its RSI) is remembered 300 ms after it changed; the second tab opens it.
  await leader.waitForTimeout(800);

  const follower = await context.newPage();
  await follower.goto('/');
  await expect(follower.getByTestId('source')).toHaveAttribute('data-role', 'follower');
  // The remembered desk's RSI (other panes, such as news sentiment, have legends of their own; the
  // forecast's "persistence" holds "rsi", hence the whole word in capitals).
  await expect(follower.getByTestId('indicator-legend').filter({ hasText: /\bRSI\b/ })).toHaveCount(1);
  // Both tabs show the newest bar's RSI: equal once a relayed batch has reached the follower.
  const both = async () => {
    const [a, b] = [await value(leader), await value(follower)];
    const [ta, tb] = await Promise.all(
      [leader, follower].map((p) => p.getByTestId('legend').locator('[data-field=time]').getAttribute('data-time-ms')),
    );
    return a !== null && a !== '' && a === b && ta === tb;
  };
  await expect.poll(both, { timeout: 20_000, intervals: [100] }).toBe(true);
  // And again later, on bars the follower only ever got from the leader's broadcast.
  await leader.waitForTimeout(3_000);
  await expect.poll(both, { timeout: 20_000, intervals: [100] }).toBe(true);
});
