/** The messages between the benchmark driver (bench/run.ts) and the load generator process (bench/loadgen.ts). */
import type { SyncTarget } from './syncTarget.js';

export interface FanoutConfig {
  mode: 'fanout';
  target: SyncTarget;
  /** Meeting JSON file the editor writes first when target.seedFromEditor. */
  meetingFile: string;
  lightFollowers: number;
  fullFollowers: number;
  edits: number;
  editsPerSecond: number;
  /** Leading edits left out of the latency figures (JIT and connection warm-up); still counted for missing. */
  warmupEdits: number;
  /** How long to wait after the last edit for stragglers before counting them missing. */
  drainMs: number;
  /** Sockets opened at once while connecting followers. */
  connectConcurrency: number;
  /**
   * Where the followers connect, in turn (follower i to the (i mod n)th), instead of target.serverUrl: the
   * processes of a cluster (the editor stays on target.serverUrl). Unset: every follower on target.serverUrl.
   */
  followerServerUrls?: string[];
  /** Send every measured latency back (FanoutResult.latencies), so several load generators' runs can be pooled. */
  returnSamples?: boolean;
  /** Follower i connects with token followerTokens[i] instead of target.followerParams (issue 24: people's own links). */
  followerTokens?: string[];
}

export interface JoinConfig {
  mode: 'join';
  target: SyncTarget;
  meetingFile: string;
  /** Late joiners, one after another; the first is a warm-up and left out of the figures. */
  joins: number;
  expectedContributions: number;
}

export type LoadgenConfig = FanoutConfig | JoinConfig;

/** Driver -> load generator. */
export type DriverCommand = { cmd: 'connect' } | { cmd: 'edit' } | { cmd: 'close' };

export interface FanoutResult {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  expected: number;
  missing: number;
  /** Full providers whose document equals the editor's at the end. */
  fullContentOk: number;
  fullFollowers: number;
  connectMs: number;
  failedConnections: number;
  editsSent: number;
  /** How late the editor's timer fired at the p99 (load-generator saturation shows here). */
  editorLagP99: number;
  /** Per measured edit, its first and last arrival over all followers (ms after sending); medians over the edits. */
  firstArrivalMs: number;
  lastArrivalMs: number;
  /** The load generator's own CPU (user + system, every thread) over the edit phase, per edit, ms. */
  loadgenCpuPerEditMs: number;
  /** Every measured edit-to-arrival, ms (NaN: missing), when the config asked for them. */
  latencies?: number[];
}

export interface JoinResult {
  /** Median time from opening the socket to the provider's `sync`, ms. */
  syncedMs: number;
  syncedMsAll: number[];
  /** Median time to the joiner starting to apply the server's state (its first transaction), ms. */
  step2StartMs: number;
  /** Median time to the end of that transaction (the state applied; what follows is Yjs's update event and y-websocket's bookkeeping), ms. */
  appliedMs: number;
  /** Median time for a raw socket to receive the whole sync step 2 (server and transfer, no client apply), ms. */
  rawStep2Ms: number;
  bytes: number;
  contentOk: boolean;
}

/** Load generator -> driver. */
export type LoadgenMessage =
  | { type: 'ready' }
  | { type: 'connected'; connectMs: number; failed: number; firstError?: string }
  | { type: 'fanout-result'; result: FanoutResult }
  | { type: 'join-result'; result: JoinResult }
  | { type: 'error'; message: string };
