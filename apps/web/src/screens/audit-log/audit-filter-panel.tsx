import { useState, type FormEvent } from 'react';
import type { Member } from '../../api/types';
import { SelectField, TextField } from '../../components/field';
import { AUDIT_ACTION_LABELS } from '../../components/format';
import { dateProblem, type AuditFilterForm } from './audit-filters';

interface AuditFilterPanelProps {
  initial: AuditFilterForm;
  members: Member[];
  onApply: (form: AuditFilterForm) => void;
  onClear: () => void;
}

const ACTION_OPTIONS = [
  { value: '', label: 'Anything' },
  ...Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label })),
];

export function AuditFilterPanel({ initial, members, onApply, onClear }: AuditFilterPanelProps) {
  const [form, setForm] = useState<AuditFilterForm>(initial);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const set = (key: keyof AuditFilterForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const p = dateProblem(form);
    setProblem(p);
    if (!p) onApply(form);
  }

  const people = [
    { value: '', label: 'Anyone' },
    ...members.map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` })),
  ];

  return (
    <section aria-labelledby="filter-heading">
      <h2 id="filter-heading">Filter events</h2>
      <form onSubmit={submit} noValidate className="form filter-form">
        <div className="filter-form__fields">
          <SelectField
            id="audit-action"
            label="What happened"
            value={form.action}
            options={ACTION_OPTIONS}
            onChange={set('action')}
          />
          <SelectField
            id="audit-actor"
            label="Who"
            value={form.actorUserId}
            options={people}
            onChange={set('actorUserId')}
          />
          <TextField
            id="audit-from"
            label="From (date)"
            type="date"
            width="medium"
            value={form.from}
            onChange={set('from')}
          />
          <TextField
            id="audit-to"
            label="To (date)"
            type="date"
            width="medium"
            value={form.to}
            onChange={set('to')}
            error={problem}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            Apply filters
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setForm({ action: '', actorUserId: '', from: '', to: '' });
              setProblem(undefined);
              onClear();
            }}
          >
            Clear filters
          </button>
        </div>
      </form>
    </section>
  );
}
