// One line of an import file (an export's ExportLine), checked before anything is published. Pure.
import { z } from 'zod';
import { epochMsSchema } from '../../domain/input-bounds';
import { parseVdaTopic } from '../../domain/vda5050/messages';

/** Longest line read (a state message with many errors stays far below). */
export const MAX_IMPORT_LINE_CHARS = 64 * 1024;
export const MAX_IMPORT_LINES = 5_000_000;
export const MAX_IMPORT_ROBOTS = 5_000;
export const IMPORT_TOPICS = ['visualization', 'state', 'connection'] as const;
export type ImportTopic = (typeof IMPORT_TOPICS)[number];

const exportLineSchema = z.object({
  topic: z.string().min(1).max(512),
  receivedAt: epochMsSchema,
  payload: z.record(z.string(), z.unknown()),
});

export interface ImportLine {
  /** The recorded VDA interface (first topic level). */
  iface: string;
  manufacturer: string;
  serialNumber: string;
  sub: ImportTopic;
  receivedAt: number;
  payload: Record<string, unknown>;
}

export type ParsedImportLine = { ok: true; line: ImportLine } | { ok: false; reason: string };

export function parseImportLine(text: string): ParsedImportLine {
  if (text.length > MAX_IMPORT_LINE_CHARS) return { ok: false, reason: `line longer than ${MAX_IMPORT_LINE_CHARS} characters` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const r = exportLineSchema.safeParse(json);
  if (!r.success)
    return { ok: false, reason: `not an export line: ${r.error.issues[0]?.path.join('.') || '(root)'} ${r.error.issues[0]?.message}` };
  const t = parseVdaTopic(r.data.topic);
  if (!t || !(IMPORT_TOPICS as readonly string[]).includes(t.topic))
    return { ok: false, reason: `unknown topic ${r.data.topic.slice(0, 120)}` };
  if (t.manufacturer.includes('+') || t.manufacturer.includes('#') || t.serialNumber.includes('+') || t.serialNumber.includes('#'))
    return { ok: false, reason: 'topic with MQTT wildcards' };
  const p = r.data.payload;
  if (p.manufacturer !== t.manufacturer || p.serialNumber !== t.serialNumber)
    return { ok: false, reason: 'payload manufacturer/serialNumber differ from the topic' };
  return {
    ok: true,
    line: {
      iface: t.iface,
      manufacturer: t.manufacturer,
      serialNumber: t.serialNumber,
      sub: t.topic as ImportTopic,
      receivedAt: r.data.receivedAt,
      payload: p,
    },
  };
}
