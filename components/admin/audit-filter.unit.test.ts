import { describe, expect, it } from 'vitest';
import { readListState, writeListState } from '@/components/ui/list-query';
import type { AuditRowView } from './admin-types';
import { AUDIT_LIST, auditCsvHref, EMPTY_AUDIT_FILTER, isAuditFiltered, sortAudit, toAuditFilter } from './audit-filter';

describe('audit filters', () => {
  it('leaves out what is not set and unknown actions or outcomes', () => {
    expect(toAuditFilter(EMPTY_AUDIT_FILTER)).toEqual({});
    expect(toAuditFilter({ ...EMPTY_AUDIT_FILTER, actor: '  bob ', action: 'nope', outcome: 'denied' })).toEqual({
      actor: 'bob',
      outcome: 'denied',
    });
  });

  it('reads datetime-local values as local time', () => {
    const f = toAuditFilter({ ...EMPTY_AUDIT_FILTER, from: '2026-11-28T06:20', to: 'garbage' });
    expect(f.from).toBe(new Date(2026, 10, 28, 6, 20).getTime());
    expect(f.to).toBeUndefined();
  });

  it('exports with the same filters', () => {
    expect(auditCsvHref({})).toBe('/api/audit.csv');
    expect(auditCsvHref({ actor: 'a@b.c', action: 'command.issue', from: 5 })).toBe(
      '/api/audit.csv?actor=a%40b.c&action=command.issue&from=5',
    );
  });

  it('round-trips through the page query; the default sort (newest first) leaves the URL plain', () => {
    const form = { ...EMPTY_AUDIT_FILTER, actor: 'x', outcome: 'denied', from: '2026-01-02T03:04', sort: 'actor', dir: 'asc' };
    expect(readListState(writeListState('', AUDIT_LIST, form), AUDIT_LIST)).toEqual(form);
    expect(writeListState('', AUDIT_LIST, EMPTY_AUDIT_FILTER)).toBe('');
    expect(readListState('action=drop+table&sort=password', AUDIT_LIST)).toEqual(EMPTY_AUDIT_FILTER);
    expect(isAuditFiltered({ ...EMPTY_AUDIT_FILTER, sort: 'actor' })).toBe(false);
  });

  it('sorts the loaded entries by a column, oldest first by time', () => {
    const entry = (seq: number, actor: string): AuditRowView => ({
      seq,
      at: seq * 1000,
      actor,
      actorId: null,
      action: 'access',
      target: null,
      outcome: 'ok',
      address: null,
      detail: null,
    });
    const rows = [entry(3, 'carol@x'), entry(2, 'Bob@x'), entry(1, 'alice@x')];
    const seqs = (sort: string, dir: string) => sortAudit(rows, { ...EMPTY_AUDIT_FILTER, sort, dir }).map((e) => e.seq);
    expect(seqs('time', 'desc')).toEqual([3, 2, 1]);
    expect(seqs('time', 'asc')).toEqual([1, 2, 3]);
    expect(seqs('actor', 'asc')).toEqual([1, 2, 3]);
    expect(seqs('actor', 'desc')).toEqual([3, 2, 1]);
  });
});
