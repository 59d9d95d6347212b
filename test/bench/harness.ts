/** One benchmark figure, printed as one JSON line. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  compare?: { name: string; value: number };
}

export interface BenchModule {
  /** Figures' names start with this; `npm run bench -- <prefix>` selects by it. */
  prefix: string;
  run(emit: (f: Figure) => void): Promise<void>;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

export const round = (n: number, digits = 3) => Number(n.toFixed(digits));
