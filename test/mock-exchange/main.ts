/**
 * Runs the mock exchange by hand for development:
 *   npx tsx test/mock-exchange/main.ts [--port 9443] [--rate 50]
 * then open the app with ?binance-ws=ws://127.0.0.1:9443&binance-rest=http://127.0.0.1:9443
 */
import { DemoMarket } from '../../src/core/demo/demo-market';
import { MockExchange } from './server';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const mock = await MockExchange.start(arg('port', 9443));
const hour = 3_600_000;
const now = Date.now();
const { trades } = new DemoMarket(42, now).advance(now + hour, 'binance-spot');
mock.tape.play(trades, { tradesPerSec: arg('rate', 20), startMs: now });
console.log(`mock exchange on ${mock.wsBase}; app query: ?${mock.appQuery()}`);
