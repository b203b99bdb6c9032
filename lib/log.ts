/** The logger jobs receive: console in scripts and the server, a silent or capturing one in tests. */
export type Log = {
  info: (msg: string, extra?: Record<string, unknown>) => void;
  warn: (msg: string, extra?: Record<string, unknown>) => void;
  error: (msg: string, extra?: Record<string, unknown>) => void;
};

export const consoleLog = (prefix: string): Log => ({
  info: (m, e) => console.info(`[${prefix}] ${m}`, ...(e ? [e] : [])),
  warn: (m, e) => console.warn(`[${prefix}] ${m}`, ...(e ? [e] : [])),
  error: (m, e) => console.error(`[${prefix}] ${m}`, ...(e ? [e] : [])),
});

export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };
