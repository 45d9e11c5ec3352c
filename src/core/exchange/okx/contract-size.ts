import { formatDecimal, multiply, parseDecimal, type Decimal } from '../../decimal/decimal';
import type { OkxContractLookup } from './wire';

/** Spot ids have one dash ("BTC-USDT"); SWAP/FUTURES/OPTION ids have more ("BTC-USDT-SWAP"). */
export function isOkxSpot(instId: string): boolean {
  const first = instId.indexOf('-');
  return first > 0 && instId.indexOf('-', first + 1) < 0;
}

export type SizeResult = { ok: true; size: string } | { ok: false; detail: string };

/**
 * Base-unit size text: SPOT sizes pass through; SWAP/FUTURES sizes are contracts × ctVal,
 * computed exactly on decimals. Inverse contracts are valued in quote currency (turning them
 * into base units needs a division by price) and unknown contracts cannot be sized: both fail.
 */
export class OkxSizer {
  private readonly ctVals = new Map<string, Decimal | null>();

  constructor(private readonly lookup: OkxContractLookup = () => undefined) {}

  size(instId: string, sz: string): SizeResult {
    let ctVal = this.ctVals.get(instId);
    if (ctVal === undefined) {
      const contract = this.lookup(instId);
      if (contract === undefined) {
        ctVal = null;
        if (!isOkxSpot(instId)) return { ok: false, detail: `${instId}: contract value unknown, size is in contracts` };
      } else if (contract.inverse === true) {
        return { ok: false, detail: `${instId}: inverse contract, size is quote-valued` };
      } else {
        ctVal = parseDecimal(contract.ctVal);
        if (ctVal === null) return { ok: false, detail: `${instId}: bad ctVal ${JSON.stringify(contract.ctVal)}` };
      }
      this.ctVals.set(instId, ctVal);
    }
    if (ctVal === null) return { ok: true, size: sz };
    const contracts = parseDecimal(sz);
    if (contracts === null) return { ok: false, detail: `${instId}: size ${JSON.stringify(sz)}` };
    return { ok: true, size: formatDecimal(multiply(contracts, ctVal)) };
  }
}
