import { ingestAllTimeframes, ingestPipeline } from './benchmarks/ingest';
const pair = process.argv[2] === '1m' ? ingestPipeline : ingestAllTimeframes;
await pair.setup?.();
for (let i = 0; i < 4; i++) {
  const t0 = performance.now();
  pair.baseline.run();
  const t1 = performance.now();
  await pair.subject.run();
  const t2 = performance.now();
  console.log(
    `json ${(t1 - t0).toFixed(0)} ms, subject ${(t2 - t1).toFixed(0)} ms, ratio ${((t1 - t0) / (t2 - t1)).toFixed(3)}`,
  );
}
