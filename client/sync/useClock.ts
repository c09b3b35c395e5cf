/** The time now, updated every `everyMs` (the screen's clock); only its component re-renders. */
import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`. */
export function useClock(everyMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
