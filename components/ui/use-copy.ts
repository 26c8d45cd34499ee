'use client';
// A Copy button's state: copy the text (copyText, with its fallback) and remember whether it worked, so the page
// can say "copied" or ask the user to select the text instead.
import { useState } from 'react';
import { copyText } from './copy-text';

export function useCopy(): { copied: 'yes' | 'failed' | null; copy(text: string): void } {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  return { copied, copy: (text) => void copyText(text).then((ok) => setCopied(ok ? 'yes' : 'failed')) };
}
