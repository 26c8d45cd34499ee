'use client';
// One filter of a filter bar: a labelled select whose empty value means "any", then `extra` options (named
// groups such as "open"), then one option a value.
import type { ReactNode } from 'react';

interface Props<V extends string> {
  label: string;
  value: string;
  onChange(value: string): void;
  anyLabel: string;
  options: readonly V[];
  optionText?(value: V): string;
  extra?: ReactNode;
  testId?: string;
  className?: string;
}

export function SelectFilter<V extends string>({
  label,
  value,
  onChange,
  anyLabel,
  options,
  optionText = (v) => v,
  extra = null,
  testId,
  className,
}: Props<V>) {
  return (
    <label className={className}>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{anyLabel}</option>
        {extra}
        {options.map((o) => (
          <option key={o} value={o}>
            {optionText(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
