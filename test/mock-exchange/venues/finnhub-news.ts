/**
 * Finnhub's news REST (Finnhub API docs, "Market News" and "Company News"):
 * `GET /api/v1/news?category=general|forex|crypto|merger[&minId=N]&token=` and
 * `GET /api/v1/company-news?symbol=AAPL&from=YYYY-MM-DD&to=YYYY-MM-DD&token=`, both answering an
 * array of `{category, datetime (epoch s), headline, id, image, related, source, summary, url}`,
 * newest first. A missing or wrong token answers 401 `{"error":"Invalid API key"}`; past
 * `perMinute` calls in a rolling minute, 429 `{"error":"API limit reached. Please try again later."}`
 * (Finnhub's free tier: 60 a minute).
 */
export interface FinnhubNewsItem {
  category: string;
  datetime: number;
  headline: string;
  id: number;
  image: string;
  related: string;
  source: string;
  summary: string;
  url: string;
}

export interface NewsAnswer {
  readonly status: number;
  readonly body: unknown;
}

export class FinnhubNewsDesk {
  /** Stories served; tests add their own (`add`). Company stories carry the symbol in `related`. */
  readonly items: FinnhubNewsItem[] = [];
  /** Calls allowed in any rolling 60 s (null: unlimited). */
  perMinute: number | null = 60;
  /** Every call, for asserting rate and parameters (the token is replaced by `***`). */
  readonly calls: { atMs: number; path: string; query: string }[] = [];
  private nextId = 9_000_001;

  add(item: Partial<FinnhubNewsItem> & { headline: string }): FinnhubNewsItem {
    const full: FinnhubNewsItem = {
      category: 'general',
      datetime: Math.floor(Date.now() / 1000),
      id: this.nextId++,
      image: '',
      related: '',
      source: 'Mock Wire',
      summary: '',
      url: `https://news.example/story/${this.nextId}`,
      ...item,
    };
    this.items.push(full);
    return full;
  }

  answer(path: string, url: URL, token: string): NewsAnswer | null {
    if (path !== '/news' && path !== '/company-news') return null;
    const now = Date.now();
    const shown = new URLSearchParams(url.search);
    if (shown.has('token')) shown.set('token', '***');
    this.calls.push({ atMs: now, path, query: shown.toString() });
    if (url.searchParams.get('token') !== token) return { status: 401, body: { error: 'Invalid API key' } };
    const recent = this.calls.filter((c) => c.atMs > now - 60_000).length;
    if (this.perMinute !== null && recent > this.perMinute) {
      return { status: 429, body: { error: 'API limit reached. Please try again later.' } };
    }
    const newestFirst = (a: FinnhubNewsItem, b: FinnhubNewsItem) => b.datetime - a.datetime;
    if (path === '/news') {
      const category = url.searchParams.get('category') ?? '';
      if (!['general', 'forex', 'crypto', 'merger'].includes(category)) {
        return { status: 422, body: { error: 'Wrong category' } };
      }
      const minId = Number(url.searchParams.get('minId') ?? 0);
      const rows = this.items.filter((i) => i.category === category && i.id > minId).sort(newestFirst);
      return { status: 200, body: rows };
    }
    const symbol = (url.searchParams.get('symbol') ?? '').toUpperCase();
    const from = Date.parse(`${url.searchParams.get('from') ?? ''}T00:00:00Z`);
    const to = Date.parse(`${url.searchParams.get('to') ?? ''}T23:59:59Z`);
    if (symbol === '' || Number.isNaN(from) || Number.isNaN(to)) {
      return { status: 422, body: { error: 'Wrong parameters' } };
    }
    const rows = this.items
      .filter((i) => i.category === 'company' && i.related.split(',').includes(symbol))
      .filter((i) => i.datetime * 1000 >= from && i.datetime * 1000 <= to)
      .sort(newestFirst);
    return { status: 200, body: rows };
  }
}

/**
 * Stories as Finnhub's feeds carry them, hostile ones included: markup and script in headlines and
 * summaries, a `javascript:` link. Times are `nowS` minus a few minutes each.
 */
export function seedFinnhubNews(desk: FinnhubNewsDesk, nowS: number): void {
  const at = (minutesAgo: number) => nowS - minutesAgo * 60;
  desk.add({
    category: 'crypto',
    datetime: at(2),
    headline: 'Bitcoin surges to a record high as ETF inflows jump',
    source: 'CoinDesk',
    related: '',
  });
  desk.add({
    category: 'crypto',
    datetime: at(9),
    headline: 'Ether slides after exchange halts withdrawals',
    source: 'The Block',
  });
  desk.add({
    category: 'crypto',
    datetime: at(15),
    headline: 'Bitcoin miners gather in Austin for annual conference',
    source: 'Decrypt',
  });
  desk.add({
    category: 'crypto',
    datetime: at(21),
    headline: '<img src=x onerror="document.title=\'pwned\'"> Bitcoin <b>beats</b> estimates',
    summary: '<script>document.title="pwned"</script>',
    source: '<i>Hostile</i>',
    url: 'javascript:document.title="pwned"',
  });
  desk.add({
    category: 'general',
    datetime: at(4),
    headline: 'Stocks rally to record highs after cooler inflation reading',
    source: 'Reuters',
  });
  desk.add({
    category: 'general',
    datetime: at(30),
    headline: 'Fed holds rates steady, as widely expected',
    source: 'Bloomberg',
  });
  desk.add({
    category: 'company',
    datetime: at(6),
    headline: 'Apple beats estimates and raises guidance',
    related: 'AAPL',
    source: 'MarketWatch',
  });
  desk.add({
    category: 'company',
    datetime: at(40),
    headline: 'Tesla misses estimates as deliveries fall',
    related: 'TSLA',
    source: 'Reuters',
  });
}
