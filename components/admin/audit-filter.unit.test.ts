import { describe, expect, it } from 'vitest';
import { auditCsvHref, EMPTY_AUDIT_FILTER, formFromQuery, queryFromForm, toAuditFilter } from './audit-filter';

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

  it('round-trips through the page query', () => {
    const form = { ...EMPTY_AUDIT_FILTER, actor: 'x', outcome: 'denied', from: '2026-01-02T03:04' };
    const q = new URLSearchParams(queryFromForm(form));
    expect(formFromQuery((k) => q.get(k))).toEqual(form);
    expect(formFromQuery((k) => (k === 'action' ? 'drop table' : null)).action).toBe('');
  });
});
