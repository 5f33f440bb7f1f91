/** IPC messages between run.ts and its client workers. */

export type ToWorker =
  | {
      cmd: 'init';
      rooms: Array<{ name: string; idx: number }>;
      url: string;
      /** Two processes: the receivers (clients 1 and 2 of each room) connect here, the editor to `url`. */
      receiverUrl?: string;
      rate: number;
      connectConcurrency: number;
    }
  | { cmd: 'start-edits' | 'measure-start' | 'measure-stop' | 'report' | 'release' | 'close' }
  | { cmd: 'seed'; room: string; updates: number; keys: number }
  | { cmd: 'join'; room: string; keys: number }
  | { cmd: 'hold'; room: string };

export type FromWorker =
  | { evt: 'hello' | 'ack' }
  | { evt: 'connected'; ok: number; failed: number; errors: string[] }
  | {
      evt: 'report';
      lat: Float64Array;
      sent: number;
      recv: number;
      errors: number;
      firstError: string;
      disconnected: number;
      cpuPct: number;
      eldP99: number;
      eldMax: number;
    }
  | { evt: 'seeded'; ingestMs: number; docBytes: number }
  | { evt: 'joined'; ms: number; ok: boolean }
  | { evt: 'error'; error: string };
