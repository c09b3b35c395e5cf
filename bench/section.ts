/** What a scenario hands to the report: a table, the targets it checks, and notes. */

export interface TargetCheck {
  target: string;
  /** The measured figure as shown, or why it was not measured. */
  figure: string;
  /** null: not measured. */
  met: boolean | null;
}

export interface Section {
  title: string;
  /** One paragraph: what was run and how. */
  method: string;
  header: string[];
  rows: string[][];
  checks: TargetCheck[];
  notes: string[];
}

/** Options every scenario gets from the command line. */
export interface BenchOptions {
  quick: boolean;
  /** Repetitions of each A/B pair (runs alternate A B A B). */
  reps: number;
  /** Fan-out sizes (followers). */
  followers: number[];
  /** A scratch folder for this run (meeting files, generated lists, client build), removed at the end. */
  workDir: string;
  /** When set, fan-out runs write CPU profiles of the servers here. */
  profileDir: string | null;
  log: (line: string) => void;
}

/** A number for the table: fixed decimals, '–' for NaN. */
export function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/** Plenary over reference, as '0.42×'. */
export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–';
}

/** A section saying a scenario could not be measured, and why. */
export function notMeasured(title: string, why: string, targets: string[]): Section {
  return {
    title,
    method: '',
    header: [],
    rows: [],
    checks: targets.map((target) => ({ target, figure: `not measured: ${why}`, met: null })),
    notes: [`Not measured: ${why}`],
  };
}
