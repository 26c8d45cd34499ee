// The official LIF 1.0.0 schema (JSON Schema draft-07) as a validator whose every problem names its element:
// `layout "hall-2" edge "e-7": must have required property 'endNodeId'` rather than `/layouts/0/edges/6`.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import type { LifDocument } from '../domain/site-layout/lif-types';

const SCHEMA_FILE = path.resolve(import.meta.dirname, 'schemas/lif/1.0.0/LIF.schema.json');
/** Past this many, the rest are summed up: one broken generator repeats one mistake thousands of times. */
const MAX_PROBLEMS = 50;

export type LifVerdict = { ok: true; doc: LifDocument } | { ok: false; problems: string[] };

type Json = Record<string, unknown>;
const at = (v: unknown, key: string | number): unknown => (v && typeof v === 'object' ? (v as Json)[key as string] : undefined);

/** `/layouts/0/edges/6/endNodeId` → `layout "hall-2" edge "e-7" endNodeId`, using the ids found in the document. */
function elementName(doc: unknown, pointer: string): string {
  const parts = pointer.split('/').slice(1);
  const words: string[] = [];
  let cur: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i]!;
    const next = at(cur, Array.isArray(cur) ? Number(key) : key);
    const id = (field: string, noun: string) => {
      const v = at(next, field);
      return typeof v === 'string' ? `${noun} "${v}"` : `${noun} #${Number(key) + 1}`;
    };
    const parent = parts[i - 1];
    if (Array.isArray(cur) && parent === 'layouts') words.push(id('layoutId', 'layout'));
    else if (Array.isArray(cur) && parent === 'nodes') words.push(id('nodeId', 'node'));
    else if (Array.isArray(cur) && parent === 'edges') words.push(id('edgeId', 'edge'));
    else if (Array.isArray(cur) && parent === 'stations') words.push(id('stationId', 'station'));
    else if (!['layouts', 'nodes', 'edges', 'stations'].includes(key)) words.push(Array.isArray(cur) ? `[${key}]` : key);
    cur = next;
  }
  return words.join(' ').replace(/ \[/g, '[') || 'the document';
}

const message = (doc: unknown, e: ErrorObject): string => `${elementName(doc, e.instancePath)}: ${e.message ?? e.keyword}`;

export function createLifValidator(): { validate(doc: unknown): LifVerdict } {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return {
    validate(doc) {
      if (check(doc)) return { ok: true, doc: doc as LifDocument };
      const all = (check.errors ?? []).map((e) => message(doc, e));
      const problems = all.slice(0, MAX_PROBLEMS);
      if (all.length > problems.length) problems.push(`… and ${all.length - problems.length} more schema problems`);
      return { ok: false, problems };
    },
  };
}
