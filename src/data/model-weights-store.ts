import type { StoredModelWeights, TapewatchDb } from './db';

/**
 * The parts of TF.js's `io.ModelArtifacts` a layers model saves, written out here because
 * src/data does not import TF.js: the shapes match, so this is a `tf.io.IOHandler`.
 */
export interface WeightArtifacts {
  modelTopology?: unknown;
  weightSpecs?: unknown;
  /** One buffer, or several (TF.js ≥ 4.10 may split large models). */
  weightData?: ArrayBuffer | ArrayBuffer[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

export interface WeightSaveResult {
  modelArtifactsInfo: {
    dateSaved: Date;
    modelTopologyType: 'JSON';
    modelTopologyBytes?: number;
    weightSpecsBytes?: number;
    weightDataBytes?: number;
  };
}

/** What a model was trained on, stored beside its weights (the status panel shows it). */
export interface TrainingRecord {
  readonly kind: string;
  readonly version: string;
  readonly trainedAtMs: number;
  readonly bars: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly backend: string;
  /** Normaliser, calibration: whatever the model needs beside its weights. */
  readonly extra?: unknown;
}

/** `kind|venue|symbol|timeframe`: one trained model per kind and series. */
export function weightsId(kind: string, series: string): string {
  return `${kind}|${series}`;
}

function concat(data: ArrayBuffer | ArrayBuffer[] | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  if (!Array.isArray(data)) return data;
  const out = new Uint8Array(data.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}

/**
 * A TF.js IO handler over the database (`A`: TF.js's `io.ModelArtifacts`, named by the caller): `model.save(handler)` stores topology, weight specs and
 * weights with the model version and the training record; `tf.loadLayersModel(handler)` reads
 * them back. A load of a missing id, or of weights of another version, fails (the caller trains).
 */
export function dexieWeightsHandler<A extends WeightArtifacts = WeightArtifacts>(
  db: TapewatchDb,
  id: string,
  record: () => TrainingRecord,
) {
  return {
    async save(artifacts: A): Promise<WeightSaveResult> {
      const weightData = concat(artifacts.weightData);
      const r = record();
      const row: StoredModelWeights = {
        id,
        kind: r.kind,
        version: r.version,
        modelTopology: artifacts.modelTopology ?? null,
        weightSpecs: artifacts.weightSpecs ?? [],
        weightData,
        trainedAtMs: r.trainedAtMs,
        bars: r.bars,
        fromMs: r.fromMs,
        toMs: r.toMs,
        backend: r.backend,
        ...(r.extra === undefined ? {} : { extra: r.extra }),
      };
      await db.modelWeights.put(row);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(r.trainedAtMs),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(row.modelTopology).length,
          weightSpecsBytes: JSON.stringify(row.weightSpecs).length,
          weightDataBytes: weightData.byteLength,
        },
      };
    },
    async load(): Promise<A> {
      const row = await db.modelWeights.get(id);
      if (row === undefined) throw new Error(`no stored weights for ${id}`);
      const { version } = record();
      if (row.version !== version)
        throw new Error(`stored weights for ${id} are version ${row.version}, not ${version}`);
      return {
        modelTopology: row.modelTopology,
        weightSpecs: row.weightSpecs,
        weightData: row.weightData,
        format: 'layers-model',
        generatedBy: 'Tapewatch',
        convertedBy: null,
      } as WeightArtifacts as A;
    },
  };
}

/** The training record of a stored model, or null (never trained, or another version). */
export async function storedTraining(db: TapewatchDb, id: string, version: string): Promise<TrainingRecord | null> {
  const row = await db.modelWeights.get(id);
  if (row === undefined || row.version !== version) return null;
  return {
    kind: row.kind,
    version: row.version,
    trainedAtMs: row.trainedAtMs,
    bars: row.bars,
    fromMs: row.fromMs,
    toMs: row.toMs,
    backend: row.backend,
    ...(row.extra === undefined ? {} : { extra: row.extra }),
  };
}
