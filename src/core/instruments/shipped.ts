import type { LiveVenueId } from '../exchange/venues';
import type { Instrument } from './instrument';

/**
 * A small curated list per venue, used when a venue's listing endpoint refuses the browser (CORS
 * or network) and nothing is cached, and for Finnhub, which has no keyless listing. Symbols only
 * (plus OKX contract values, which the feed needs to size swap trades): tick sizes change, so
 * they come from the live listing or not at all.
 */
const spot = (venue: LiveVenueId, symbol: string, base: string, quote: string): Instrument => ({
  venue,
  symbol,
  base,
  quote,
  kind: 'spot',
});

const perp = (venue: LiveVenueId, symbol: string, base: string, quote: string, contractValue?: string): Instrument => ({
  venue,
  symbol,
  base,
  quote,
  kind: 'perp',
  ...(contractValue !== undefined ? { contractValue } : {}),
});

const MAJORS = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE'] as const;

export const SHIPPED_INSTRUMENTS: Readonly<Record<LiveVenueId, readonly Instrument[]>> = {
  'binance-spot': MAJORS.map((b) => spot('binance-spot', `${b}USDT`, b, 'USDT')),
  'binance-usdm': MAJORS.map((b) => perp('binance-usdm', `${b}USDT`, b, 'USDT')),
  coinbase: MAJORS.map((b) => spot('coinbase', `${b}-USD`, b, 'USD')),
  kraken: MAJORS.map((b) => spot('kraken', `${b}/USD`, b, 'USD')),
  'bybit-spot': MAJORS.map((b) => spot('bybit-spot', `${b}USDT`, b, 'USDT')),
  'bybit-linear': MAJORS.map((b) => perp('bybit-linear', `${b}USDT`, b, 'USDT')),
  okx: [
    ...MAJORS.map((b) => spot('okx', `${b}-USDT`, b, 'USDT')),
    // ctVal of OKX's linear USDT swaps (base units per contract).
    perp('okx', 'BTC-USDT-SWAP', 'BTC', 'USDT', '0.01'),
    perp('okx', 'ETH-USDT-SWAP', 'ETH', 'USDT', '0.1'),
    perp('okx', 'SOL-USDT-SWAP', 'SOL', 'USDT', '1'),
  ],
  bitstamp: ['BTC', 'ETH', 'SOL', 'XRP'].map((b) => spot('bitstamp', `${b}USD`, b, 'USD')),
  finnhub: [
    { ...spot('finnhub', 'AAPL', 'AAPL', 'USD'), name: 'Apple' },
    { ...spot('finnhub', 'MSFT', 'MSFT', 'USD'), name: 'Microsoft' },
    { ...spot('finnhub', 'NVDA', 'NVDA', 'USD'), name: 'NVIDIA' },
    { ...spot('finnhub', 'TSLA', 'TSLA', 'USD'), name: 'Tesla' },
    { ...spot('finnhub', 'AMZN', 'AMZN', 'USD'), name: 'Amazon' },
    { ...spot('finnhub', 'SPY', 'SPY', 'USD'), name: 'SPDR S&P 500 ETF' },
    { ...spot('finnhub', 'OANDA:EUR_USD', 'EUR', 'USD'), name: 'Euro / US dollar (forex)' },
    { ...spot('finnhub', 'OANDA:GBP_USD', 'GBP', 'USD'), name: 'Pound / US dollar (forex)' },
    { ...spot('finnhub', 'OANDA:USD_JPY', 'USD', 'JPY'), name: 'US dollar / yen (forex)' },
    { ...spot('finnhub', 'BINANCE:BTCUSDT', 'BTC', 'USDT'), name: 'Bitcoin on Binance (crypto)' },
    { ...spot('finnhub', 'BINANCE:ETHUSDT', 'ETH', 'USDT'), name: 'Ether on Binance (crypto)' },
  ],
};
