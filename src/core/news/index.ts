// The page's door to news and sentiment in core.
export { finnhubNewsUrl, newsTokenAllowedFor, type FinnhubNewsRequest } from './finnhub-news';
export type { NewsArticle, ScoredArticle } from './news-article';
export { finnhubRequestsFor, isAbout, newsTopic, type NewsTopic } from './news-topics';
export { DEFAULT_POLL, PollSchedule, requestKey, type PollOutcome } from './poll-schedule';
export {
  sentimentAlertInput,
  sentimentAlertInputs,
  sentimentBeyond,
  type SentimentAlertInput,
} from './sentiment-alert-input';
export { sentimentSeries, type SentimentBar } from './sentiment-series';
export { needsNews, pollPausedBecause } from './poll-decision';
export { unsentInputs, type SentMark } from './sentiment-delivery';
