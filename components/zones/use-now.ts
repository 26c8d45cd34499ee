'use client';
// The server's time now, re-read every `everyMs`: lease countdowns stay true without a render per frame.
import { useEffect, useState } from 'react';
import { serverNow } from '@/components/realtime/pose-store';

export function useServerNow(everyMs: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const t = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
