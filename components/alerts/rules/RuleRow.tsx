'use client';
// One alert rule, editable in place: enabled, severity, thresholds with their unit, durations, webhook URL.
// Save sends the changed fields; the server's validation errors show under the row.
import { Fragment, useId, useState } from 'react';
import { ALERT_SEVERITIES } from '@/server/domain/alerts/alert';
import type { AlertRule, UpdateAlertRuleInput } from '@/server/domain/alerts/rule-catalogue';
import { absoluteTime, SEVERITY_TEXT } from '../alert-format';
import { formOf, type RuleForm, updateOf } from './rule-form';

const COLUMN_COUNT = 8;

interface Props {
  rule: AlertRule;
  saving: boolean;
  /** Resolves with the server's refusal as text, or null when saved. */
  onSave(input: UpdateAlertRuleInput): Promise<string | null>;
}

export function RuleRow({ rule, saving, onSave }: Props) {
  const [form, setForm] = useState<RuleForm>(() => formOf(rule));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // A saved (or elsewhere changed) rule resets its form to what the server holds; other rows keep their edits.
  const version = `${rule.updatedAt ?? 'default'}`;
  const [seen, setSeen] = useState(version);
  if (seen !== version) {
    setSeen(version);
    setForm(formOf(rule));
  }
  const errorId = useId();
  const update = updateOf(rule, form);
  const dirty = update.input !== null || update.error !== null;
  const set = <K extends keyof RuleForm>(k: K, v: RuleForm[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [k]: v }));
  };
  const save = async () => {
    if (update.error) return setError(update.error);
    if (!update.input) return;
    const refusal = await onSave(update.input);
    setError(refusal);
    setSaved(refusal === null);
  };
  const hasThreshold = rule.threshold !== null || rule.unit !== null;
  const invalid = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  const num = (k: 'threshold' | 'criticalThreshold' | 'forSec' | 'clearSec', label: string) => (
    <input
      type="text"
      inputMode="decimal"
      className="rule-number"
      aria-label={`${rule.name}: ${label}`}
      value={form[k]}
      onChange={(e) => set(k, e.target.value)}
      data-testid={`rule-${k}`}
      {...invalid}
    />
  );
  return (
    <Fragment>
      <tr
        data-testid="rule-row"
        data-rule-id={rule.id}
        className={form.enabled ? undefined : 'rule-disabled'}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type === 'text') void save();
        }}
      >
        <td className="rule-name">
          <strong>{rule.name}</strong>
          <span className="muted">{rule.description}</span>
          <span className="muted mono">
            {rule.id}
            {rule.updatedAt ? ` · changed ${absoluteTime(rule.updatedAt)} by ${rule.updatedBy ?? '?'}` : ' · default'}
          </span>
        </td>
        <td>
          <input
            type="checkbox"
            aria-label={`${rule.name}: enabled`}
            checked={form.enabled}
            onChange={(e) => set('enabled', e.target.checked)}
            data-testid="rule-enabled"
          />
        </td>
        <td>
          <select
            aria-label={`${rule.name}: severity`}
            value={form.severity}
            onChange={(e) => set('severity', e.target.value as RuleForm['severity'])}
            data-testid="rule-severity"
          >
            {ALERT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_TEXT[s]}
              </option>
            ))}
          </select>
        </td>
        <td className="rule-thresholds">
          {hasThreshold ? (
            <>
              <span>
                {num('threshold', 'threshold')} <span className="muted">{rule.unit}</span>
              </span>
              {rule.criticalThreshold !== null || form.criticalThreshold !== '' ? (
                <span title="Past this the alert is critical">
                  critical {num('criticalThreshold', 'critical threshold')} <span className="muted">{rule.unit}</span>
                </span>
              ) : null}
            </>
          ) : (
            <span className="muted">—</span>
          )}
        </td>
        <td>{num('forSec', 'holds for, seconds')} s</td>
        <td>{num('clearSec', 'clear after, seconds')} s</td>
        <td>
          <input
            type="url"
            className="rule-webhook"
            aria-label={`${rule.name}: webhook URL`}
            placeholder="https://… (besides ALERT_WEBHOOK_URL)"
            value={form.webhookUrl}
            onChange={(e) => set('webhookUrl', e.target.value)}
            data-testid="rule-webhook"
            {...invalid}
          />
        </td>
        <td className="rule-save">
          <button type="button" className="small-button" disabled={!dirty || saving} onClick={() => void save()} data-testid="rule-save">
            {saving ? 'Saving…' : 'Save'}
          </button>
          {dirty ? (
            <button type="button" className="small-button" onClick={() => (setForm(formOf(rule)), setError(null))}>
              Undo
            </button>
          ) : saved ? (
            <span className="ok" role="status" data-testid="rule-saved">
              Saved
            </span>
          ) : null}
        </td>
      </tr>
      {error ? (
        <tr className="rule-error-row">
          <td colSpan={COLUMN_COUNT}>
            <p id={errorId} className="bad" role="alert" data-testid="rule-error">
              Not saved: {error}
            </p>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
