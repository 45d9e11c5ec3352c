/** Backtest of signals with fees and slippage, against buy-and-hold and random signals. */
export { runBacktest, type BacktestOptions, type BacktestReport, type BacktestSignal } from './run-backtest';
export { simulateTrades, type Costs, type Simulation, type TradeRecord } from './trade-simulator';
export { barsPerYear, maxDrawdown, sharpeRatio } from './equity-stats';
export { calibrationError, reliabilityCurve, type ReliabilityBin } from './reliability';
